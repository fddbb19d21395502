package klip.telephony;

import io.vertx.core.Future;
import klip.cluster.OwnerBound;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import org.asteriskjava.manager.action.BridgeAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * The agent's own controls as AMI actions: pausing and unpausing their queue membership (with Asterisk's pause
 * reason) and hanging up their channel. The outcome the desk shows comes back as events (QueueMemberPause,
 * Hangup); the reply only says whether Asterisk accepted the action. A refusal fails with 409 and Asterisk's
 * message, an action that could not be sent with 503.
 */
final class AgentActions {

  private static final Logger log = LoggerFactory.getLogger(AgentActions.class);

  /** The dialplan context (asterisk-config/extensions.conf) where held calls wait: caller and agent extensions. */
  static final String HOLD_CONTEXT = "klip-hold";
  /** The dialplan context of transfers: extension "queue", or "leader-<username>" dialling KLIP_TRANSFER_TO. */
  static final String TRANSFER_CONTEXT = "klip-transfer";
  static final String TRANSFER_VARIABLE = "KLIP_TRANSFER_TO";

  private final AmiSession session;
  private final AmiStatus status;

  AgentActions(AmiSession session, AmiStatus status) {
    this.session = session;
    this.status = status;
  }

  Future<Void> register(OwnerBound bus) {
    return bus.<JsonObject>consumer(Addresses.MEMBER_PAUSE, this::pause)
        .compose(v -> bus.<JsonObject>consumer(Addresses.CHANNEL_HANGUP, this::hangup))
        .compose(v -> bus.<JsonObject>consumer(Addresses.CALL_HOLD, this::hold))
        .compose(v -> bus.<JsonObject>consumer(Addresses.CALL_TRANSFER, this::transfer));
  }

  /** {interface, paused, reason, queue (optional: every queue of the member)}. */
  private void pause(Message<JsonObject> msg) {
    JsonObject body = msg.body();
    String iface = body.getString("interface");
    boolean paused = body.getBoolean("paused", false);
    String queue = body.getString("queue");
    QueuePauseAction action = queue == null ? new QueuePauseAction(iface, paused)
        : new QueuePauseAction(iface, queue, paused);
    if (paused && body.getString("reason") != null) {
      action.setReason(body.getString("reason"));
    }
    answer(msg, action.getAction() + " " + iface, () -> session.send(action), new JsonObject().put("interface", iface)
        .put("paused", paused).put("reason", paused ? body.getString("reason") : null));
  }

  /** {channel}: Asterisk hangs that channel up, as if its party had. */
  private void hangup(Message<JsonObject> msg) {
    String channel = msg.body().getString("channel");
    answer(msg, "Hangup " + channel, () -> session.send(new HangupAction(channel)),
        new JsonObject().put("channel", channel));
  }

  /**
   * {callerChannel, agentChannel, hold}: hold redirects both out of their bridge, the caller to music on hold and
   * the agent's channel to a silent wait (dialplan context {@value #HOLD_CONTEXT}); unhold bridges them again (AMI
   * Bridge). Asterisk has no AMI action that holds a bridged call in place; this is what its dialplan offers.
   */
  private void hold(Message<JsonObject> msg) {
    JsonObject body = msg.body();
    String caller = body.getString("callerChannel");
    String agent = body.getString("agentChannel");
    boolean hold = body.getBoolean("hold", true);
    ManagerAction action = hold ? holdRedirect(caller, agent) : new BridgeAction(caller, agent, false);
    answer(msg, action.getAction() + " " + caller, () -> session.send(action), new JsonObject()
        .put("callerChannel", caller).put("agentChannel", agent).put("held", hold));
  }

  /**
   * {agentChannel, callerChannel, target: queue|leader, leaderUsername, leaderInterface}: AMI BlindTransfer of the
   * agent's channel, so the caller goes on in {@value #TRANSFER_CONTEXT} and the agent's leg is hung up. For a team
   * leader the dialplan dials the phone named by {@value #TRANSFER_VARIABLE}, set on the caller's channel first; the
   * extension carries the leader's username so the BlindTransfer event says whom the call went to.
   */
  private void transfer(Message<JsonObject> msg) {
    JsonObject body = msg.body();
    String agent = body.getString("agentChannel");
    boolean leader = "leader".equals(body.getString("target"));
    String exten = leader ? "leader-" + body.getString("leaderUsername") : "queue";
    BlindTransferAction transfer = new BlindTransferAction(agent, TRANSFER_CONTEXT, exten);
    JsonObject reply = new JsonObject().put("agentChannel", agent).put("exten", exten);
    if (!leader) {
      answer(msg, "BlindTransfer " + agent, () -> session.send(transfer), reply);
      return;
    }
    SetVarAction target = new SetVarAction(body.getString("callerChannel"), TRANSFER_VARIABLE,
        body.getString("leaderInterface"));
    answer(msg, "BlindTransfer " + agent, () -> session.send(target).compose(set -> set instanceof ManagerError
        ? Future.succeededFuture(set) : session.send(transfer)), reply);
  }

  private static RedirectAction holdRedirect(String caller, String agent) {
    RedirectAction redirect = new RedirectAction();
    redirect.setChannel(caller);
    redirect.setContext(HOLD_CONTEXT);
    redirect.setExten("caller");
    redirect.setPriority(1);
    redirect.setExtraChannel(agent);
    redirect.setExtraContext(HOLD_CONTEXT);
    redirect.setExtraExten("agent");
    redirect.setExtraPriority(1);
    return redirect;
  }

  private void answer(Message<JsonObject> msg, String what, Supplier<Future<ManagerResponse>> send,
      JsonObject reply) {
    if (!status.connected()) {
      msg.fail(503, "AMI not connected");
      return;
    }
    send.get().onSuccess(response -> {
      if (response instanceof ManagerError error) {
        log.info("Asterisk refused {}: {}", what, error.getMessage());
        msg.fail(409, String.valueOf(error.getMessage()));
      } else {
        msg.reply(reply);
      }
    }).onFailure(err -> {
      log.warn("{} not answered by Asterisk: {}", what, err.getMessage());
      msg.fail(503, err.getMessage());
    });
  }
}
