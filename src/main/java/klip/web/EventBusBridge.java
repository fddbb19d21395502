package klip.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import klip.Addresses;
import klip.identity.BridgePolicy;
import klip.access.Principal;
import klip.identity.SessionCheck;
import klip.identity.Sessions;
import klip.tickets.PopService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser side of the event bus (SockJS, also plain WebSocket at /eventbus/websocket). Outbound only,
 * only addresses under the browser prefix, and each registration checked against the socket's session:
 * no browser can listen to another person's pops. When an agent's browser registers its pop address,
 * pops it has not acknowledged are sent again.
 */
final class EventBusBridge {

  private static final Logger log = LoggerFactory.getLogger(EventBusBridge.class);

  private EventBusBridge() {
  }

  static Router create(Vertx vertx, PopService pops, Sessions sessions, BridgeListeners listeners) {
    SockJSBridgeOptions options = new SockJSBridgeOptions()
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(
            java.util.regex.Pattern.quote(Addresses.BROWSER_PREFIX) + "[A-Za-z0-9_.@-]+"))
        .setPingTimeout(30_000);
    SockJSHandler handler = SockJSHandler.create(vertx, new SockJSHandlerOptions().setRegisterWriteHandler(false));
    return handler.bridge(options, guard(vertx, pops, sessions, listeners));
  }

  private static Handler<BridgeEvent> guard(Vertx vertx, PopService pops, Sessions sessions,
                                            BridgeListeners listeners) {
    Map<SockJSSocket, SessionCheck> checks = new ConcurrentHashMap<>();
    return event -> {
      BridgeEventType type = event.type();
      if (type == BridgeEventType.RECEIVE) {
        // A message still on its way to a socket that has closed meanwhile is checked without remembering it.
        SessionCheck check = checks.get(event.socket());
        receive(event, check != null ? check : sessions.checkFor(sessionId(event.socket())));
        return;
      }
      Principal who = sessions.current(event.socket().webSession());
      switch (type) {
        case SOCKET_CREATED -> {
          if (who != null) {
            checks.put(event.socket(), sessions.checkFor(sessionId(event.socket())));
          }
          event.complete(who != null);
        }
        case SOCKET_CLOSED -> {
          checks.remove(event.socket());
          event.complete(true);
        }
        case SOCKET_PING -> {
          SessionCheck check = checks.get(event.socket());
          (check != null ? check.keepAlive() : sessions.touch(sessionId(event.socket())))
              .onComplete(v -> event.complete(true));
        }
        case REGISTER -> {
          String address = event.getRawMessage().getString("address");
          boolean allowed = BridgePolicy.mayReceive(who, address);
          if (!allowed) {
            log.warn("Bridge refused {} registering {}", who == null ? "an anonymous socket" : who.username(),
                printable(address));
          }
          event.complete(allowed);
        }
        case REGISTERED -> {
          String address = event.getRawMessage().getString("address");
          listeners.registered(address);
          if (who != null && address.equals(Addresses.agentPops(who.username()))) {
            pops.resendPending(who.username())
                .onFailure(err -> log.warn("Re-sending pops to {} failed: {}", who.username(), err.getMessage()));
          }
          event.complete(true);
          if (who != null && address.startsWith(Addresses.bridgeReadyPrefix(who.username()))) {
            // Frames of a socket are handled in order: the registrations sent before this one are in place.
            vertx.eventBus().publish(address, new JsonObject().put("ready", true));
          }
        }
        case UNREGISTER -> {
          listeners.unregistered(event.getRawMessage().getString("address"));
          event.complete(true);
        }
        case SEND, PUBLISH -> event.complete(false);
        default -> event.complete(true);
      }
    };
  }

  private static String sessionId(SockJSSocket socket) {
    return socket.webSession() == null ? null : socket.webSession().id();
  }

  /**
   * Every outbound message is checked again against the session as it is now (the socket's {@link SessionCheck}
   * knows when it must ask the store again): a signed-out, expired or deactivated session stops receiving at once,
   * and its socket is closed.
   */
  private static void receive(BridgeEvent event, SessionCheck session) {
    String address = event.getRawMessage().getString("address");
    session.principal().onComplete(found -> {
      Principal now = found.succeeded() ? found.result() : null;
      boolean allowed = BridgePolicy.mayReceive(now, address);
      event.complete(allowed);
      if (now == null) {
        log.info("Closing a bridge socket whose session has ended");
        event.socket().close();
      }
    });
  }

  /** What a browser sent, safe for a log line: no line breaks or control characters to forge entries with. */
  private static String printable(String text) {
    if (text == null) {
      return "null";
    }
    String clipped = text.length() > 120 ? text.substring(0, 120) + "…" : text;
    return clipped.replaceAll("\\p{Cntrl}", "?");
  }
}
