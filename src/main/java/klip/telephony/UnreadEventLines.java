package klip.telephony;

import org.asteriskjava.util.SocketConnectionFacade;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The AMI socket as asterisk-java's reader sees it, less the events the call model does not read. asterisk-java's
 * reader splits every event into a map of its fields before it even looks the type up, so an event type it is told
 * not to build ({@link UnreadAmiEvents#TYPES}: an eighth of a call's events are Newexten alone) still costs it that
 * map; here such a block is skipped as its lines arrive. VarSet, about half of a real call's events (the dialplan and
 * the queue set dozens of variables per call), is a built type because the call model reads one variable,
 * MIXMONITOR_FILENAME: its block's lines are held until its Variable line says whether it is that one, and any other
 * is skipped too. Asterisk still sends every byte (nothing is filtered on its side); a third of the events is parsed,
 * built and handed to asterisk-java's pump.
 *
 * <p>Only a block's first line names its type: a line is looked at only where a block starts (after an empty line).
 * A VarSet block that ends (or a stream that ends) without a Variable line is handed over whole, as it came. Runs on
 * asterisk-java's reader thread only.
 */
final class UnreadEventLines implements SocketConnectionFacade {

  private static final String EVENT = "Event: ";
  private static final String VARSET = EVENT + "VarSet";
  private static final String VARIABLE = "Variable: ";
  private static final String READ_VARIABLE = VARIABLE + AmiEventTranslator.MIXMONITOR_FILENAME;

  private final SocketConnectionFacade socket;
  /** Lower-case event types skipped whole. */
  private final Set<String> unreadTypes;
  /** Lines of a held block that is handed over after all, returned before the socket is read again. */
  private final ArrayDeque<String> held = new ArrayDeque<>();
  /** Whether the next line starts a block: the previous one handed over was empty (or none was yet). */
  private boolean blockStart = true;

  /** @param unreadTypes event types (lower case, as asterisk-java registers them) to skip whole */
  UnreadEventLines(SocketConnectionFacade socket, Set<String> unreadTypes) {
    this.socket = socket;
    this.unreadTypes = unreadTypes;
  }

  @Override
  public String readLine() throws IOException {
    String line = held.poll();
    if (line == null) {
      line = blockStart ? firstReadLine() : socket.readLine();
    }
    blockStart = line != null && line.isEmpty();
    return line;
  }

  /** At a block's start: the first line of the next block that is read, past every skipped one. */
  private String firstReadLine() throws IOException {
    String line;
    while ((line = socket.readLine()) != null && line.startsWith(EVENT)) {
      if (line.equals(VARSET)) {
        List<String> block = readUntilVariable(line);
        if (block != null) {
          held.addAll(block.subList(1, block.size()));
          return line;
        }
      } else if (unreadTypes.contains(line.substring(EVENT.length()).toLowerCase(Locale.ROOT))) {
        skipRest();
      } else {
        return line;
      }
    }
    return line;
  }

  /** The rest of a skipped block, up to its closing empty line (or the stream's end, which the next read meets). */
  private void skipRest() throws IOException {
    String line;
    while ((line = socket.readLine()) != null && !line.isEmpty()) {
      // a field of an event nobody reads
    }
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
        skipRest();
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
