package klip.asterisk;

import klip.telephony.BlindTransferAction;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TransferProbeIT {
  @Test
  void probe() throws Exception {
    assumeTrue(RealAsterisk.binary() != null);
    try (RealAsterisk asterisk = RealAsterisk.start()) {
      ManagerConnection c = asterisk.controller();
      Calls calls = new Calls(c);
      List<String> log = new CopyOnWriteArrayList<>();
      CompletableFuture<AgentConnectEvent> connected = new CompletableFuture<>();
      CompletableFuture<AgentConnectEvent> second = new CompletableFuture<>();
      c.addEventListener(e -> {
        log.add(dump(e));
        if (e instanceof AgentConnectEvent a) {
          if (!connected.complete(a)) {
            second.complete(a);
          }
        }
      });
      calls.onlyAgent(1);
      calls.call("081234567001", "Budi", 30);
      AgentConnectEvent a = connected.get(20, TimeUnit.SECONDS);
      log.add("======== TRANSFER " + a.getDestChannel());
      calls.onlyAgent(2);
      var r = c.sendAction(new BlindTransferAction(a.getDestChannel(), "klip-transfer", "queue"), 10_000);
      log.add("======== RESPONSE " + r);
      second.get(30, TimeUnit.SECONDS);
      log.add("======== SECOND CONNECTED; LEADER");
      org.asteriskjava.manager.action.SetVarAction sv = new org.asteriskjava.manager.action.SetVarAction(
          second.get().getChannel(), "KLIP_TRANSFER_TO", "Local/tl1@phones");
      log.add("======== SETVAR " + c.sendAction(sv, 10_000));
      var r2 = c.sendAction(new BlindTransferAction(second.get().getDestChannel(), "klip-transfer", "leader"), 10_000);
      log.add("======== RESPONSE2 " + r2);
      long end = System.currentTimeMillis() + 6000;
      while (System.currentTimeMillis() < end) {
        Thread.onSpinWait();
      }
      java.nio.file.Files.write(java.nio.file.Path.of("/tmp/transfer-probe.txt"), log);
      RealAsterisk.logoff(c);
    }
  }

  private static String dump(ManagerEvent e) {
    StringBuilder b = new StringBuilder(e.getClass().getSimpleName());
    try {
      for (var m : e.getClass().getMethods()) {
        if (m.getName().startsWith("get") && m.getParameterCount() == 0 && !m.getName().equals("getClass")
            && !m.getName().equals("getSource") && !m.getName().equals("getDateReceived")) {
          Object v = m.invoke(e);
          if (v != null) {
            b.append(' ').append(m.getName().substring(3)).append('=').append(v);
          }
        }
      }
    } catch (Exception ex) {
      b.append(" ").append(ex);
    }
    return b.toString();
  }
}
