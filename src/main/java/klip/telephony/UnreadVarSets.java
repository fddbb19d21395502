package klip.telephony;

import org.asteriskjava.util.SocketConnectionFacade;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The AMI socket as asterisk-java's reader sees it, less the VarSet events the call model does not read. VarSet is
 * about three quarters of a real call's events (the dialplan and the queue set dozens of variables per call) and
 * the call model reads one variable, MIXMONITOR_FILENAME. Deregistering the type would lose that one, and an event
 * asterisk-java builds costs its reader a map of every field and a bean filled through reflection, then a hand-off
 * to its event pump thread and a call of every listener. So the block is dropped here, line by line, before the
 * reader parses it: same bytes from Asterisk (nothing is filtered on the Asterisk side), a third of the events
 * built.
 *
 * <p>A VarSet block's lines are held until its Variable line says whether it is read; a block that ends (or a
 * stream that ends) without one is handed over whole, as it came. Runs on asterisk-java's reader thread only.
 */
final class UnreadVarSets implements SocketConnectionFacade {

  private static final String VARSET = "Event: VarSet";
  private static final String VARIABLE = "Variable: ";
  private static final String READ_VARIABLE = VARIABLE + AmiEventTranslator.MIXMONITOR_FILENAME;

  private final SocketConnectionFacade socket;
  /** Lines of a held block that is handed over after all, returned before the socket is read again. */
  private final ArrayDeque<String> held = new ArrayDeque<>();

  UnreadVarSets(SocketConnectionFacade socket) {
    this.socket = socket;
  }

  @Override
  public String readLine() throws IOException {
    String line = held.poll();
    if (line != null) {
      return line;
    }
    while ((line = socket.readLine()) != null && line.equals(VARSET)) {
      List<String> block = readUntilVariable(line);
      if (block != null) {
        held.addAll(block.subList(1, block.size()));
        return line;
      }
    }
    return line;
  }

  /**
   * Reads the rest of a VarSet block up to its Variable line. Returns the lines read so far when the block is
   * read (the variable the call model reads, or a block cut short without a Variable line), null after skipping
   * the rest of an unread one up to its closing empty line (or the end of the stream, which the next read meets).
   */
  private List<String> readUntilVariable(String first) throws IOException {
    List<String> block = new ArrayList<>(12);
    block.add(first);
    String line;
    while ((line = socket.readLine()) != null) {
      block.add(line);
      if (line.isEmpty()) {
        return block;
      }
      if (line.startsWith(VARIABLE)) {
        if (line.equals(READ_VARIABLE)) {
          return block;
        }
        while ((line = socket.readLine()) != null && !line.isEmpty()) {
          // the rest of an unread VarSet: its Value and any later field
        }
        return null;
      }
    }
    return block;
  }

  @Override
  public void write(String s) throws IOException {
    socket.write(s);
  }

  @Override
  public void flush() throws IOException {
    socket.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  @Override
  public boolean isConnected() {
    return socket.isConnected();
  }

  @Override
  public InetAddress getLocalAddress() {
    return socket.getLocalAddress();
  }

  @Override
  public int getLocalPort() {
    return socket.getLocalPort();
  }

  @Override
  public InetAddress getRemoteAddress() {
    return socket.getRemoteAddress();
  }

  @Override
  public int getRemotePort() {
    return socket.getRemotePort();
  }
}
