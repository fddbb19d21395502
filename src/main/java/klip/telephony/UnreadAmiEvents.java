package klip.telephony;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.BridgeCreateEvent;
import org.asteriskjava.manager.event.BridgeDestroyEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.CdrEvent;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.DialStateEvent;
import org.asteriskjava.manager.event.HangupRequestEvent;
import org.asteriskjava.manager.event.LocalBridgeEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.MusicOnHoldStartEvent;
import org.asteriskjava.manager.event.MusicOnHoldStopEvent;
import org.asteriskjava.manager.event.NewConnectedLineEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.SoftHangupRequestEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.util.SocketConnectionFacade;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * AMI events the call model never reads, which asterisk-java is told not to build. Building an event is most of
 * asterisk-java's reading cost (a bean filled setter by setter through reflection, then queued to its event pump
 * and handed to every listener); an event type without a registered class is read off the wire and dropped at once.
 * About a third of a real call's events are of these types, Newexten alone an eighth.
 *
 * <p>The four bridge events go together: asterisk-java pairs them to synthesise legacy Link/Unlink events and logs
 * an error for an enter into a bridge whose creation it did not see. The call model concludes a call's end from its
 * hangup, which every bridge leave precedes, so bridges tell it nothing; for the same reason a caller's queue leave
 * or abandon and the agent's AgentComplete, which also precede it, are not built either. VarSet stays a built type:
 * MIXMONITOR_FILENAME names the call's recording; its other variables are dropped before parsing
 * ({@link UnreadEventLines}).
 */
public final class UnreadAmiEvents {

  static final List<Class<? extends ManagerEvent>> TYPES = List.of(NewExtenEvent.class,
      DeviceStateChangeEvent.class, NewConnectedLineEvent.class, SoftHangupRequestEvent.class,
      HangupRequestEvent.class, CdrEvent.class, LocalBridgeEvent.class, MusicOnHoldStartEvent.class,
      MusicOnHoldStopEvent.class, DialStateEvent.class, BridgeCreateEvent.class, BridgeEnterEvent.class,
      BridgeLeaveEvent.class, BridgeDestroyEvent.class, QueueCallerLeaveEvent.class, QueueCallerAbandonEvent.class,
      AgentCompleteEvent.class);

  /**
   * The same types as AMI names them, lower case: asterisk-java's own rule (the class's simple name less "Event").
   * A name this got wrong would only be parsed and then not built, as before.
   */
  static final Set<String> WIRE_NAMES = TYPES.stream().map(type -> {
    String name = type.getSimpleName().toLowerCase(Locale.ROOT);
    return name.endsWith("event") ? name.substring(0, name.length() - "event".length()) : name;
  }).collect(Collectors.toUnmodifiableSet());

  private UnreadAmiEvents() {
  }

  /**
   * A connection that builds none of {@link #TYPES} and reads no VarSet but the call model's; it does not even
   * parse them ({@link UnreadEventLines}). The connection keeps its reader, and so this setting, across reconnects;
   * every socket it opens (one per reconnect) is filtered.
   */
  public static ManagerConnection connection(String host, int port, String username, String secret) {
    ManagerConnectionImpl connection = new ManagerConnectionImpl() {
      @Override
      protected SocketConnectionFacade createSocket() throws IOException {
        return new UnreadEventLines(super.createSocket(), WIRE_NAMES);
      }
    };
    connection.setHostname(host);
    connection.setPort(port);
    connection.setUsername(username);
    connection.setPassword(secret);
    TYPES.forEach(connection::deregisterEventClass);
    return connection;
  }
}
