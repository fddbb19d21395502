package klip.telephony;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The actions we send over the AMI connection. asterisk-java writes to the socket synchronously, so every
 * send runs on a named worker pool; responses come back through the callback form and complete a promise.
 */
final class AmiSession {

  /** How long after the ring timeout an OriginateResponse may still come before we give up on it. */
  private static final long RESPONSE_GRACE_MS = 15_000;

  private final Vertx vertx;
  private final Context context;
  private final ManagerConnection connection;
  private final WorkerExecutor worker;

  AmiSession(Vertx vertx, ManagerConnection connection) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.connection = connection;
    this.worker = vertx.createSharedWorkerExecutor("klip-ami", 2);
  }

  Future<Void> login() {
    return worker.executeBlocking(() -> {
      connection.login();
      return null;
    }, false);
  }

  Future<JsonObject> originate(OriginateRequest request) {
    OriginateAction action = new OriginateAction();
    action.setChannel(request.channel());
    action.setContext(request.context());
    action.setExten(request.exten());
    action.setPriority(request.priority());
    action.setApplication(request.application());
    action.setData(request.data());
    action.setCallerId(request.callerId());
    action.setTimeout(request.timeoutMs());
    action.setAsync(true);
    if (!request.variables().isEmpty()) {
      action.setVariables(request.variables());
    }
    Promise<JsonObject> promise = Promise.promise();
    worker.executeBlocking(() -> {
      connection.sendEventGeneratingAction(action, events -> settle(promise, events));
      return null;
    }, false).onFailure(err -> promise.tryFail(OriginateOutcome.failureMessage(OriginateOutcome.REFUSED,
        "Originate not sent: " + err.getMessage())));
    // The OriginateResponse comes after the ring timeout at the latest; without it the connection went away.
    long timer = vertx.setTimer(request.timeoutMs() + RESPONSE_GRACE_MS, id -> promise.tryFail(
        OriginateOutcome.failureMessage(OriginateOutcome.NO_RESPONSE,
            "no OriginateResponse for " + request.channel())));
    return promise.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  /**
   * The async Originate's end: Asterisk's refusal of the action, or the OriginateResponse event that tells
   * whether the phone answered (only then is the reply a success).
   */
  private static void settle(Promise<JsonObject> promise, ResponseEvents events) {
    if (events.getResponse() instanceof ManagerError error) {
      promise.tryFail(OriginateOutcome.failureMessage(OriginateOutcome.REFUSED,
          "Asterisk refused the Originate: " + error.getMessage()));
      return;
    }
    OriginateResponseEvent outcome = events.getEvents().stream().filter(OriginateResponseEvent.class::isInstance)
        .map(OriginateResponseEvent.class::cast).findFirst().orElse(null);
    if (outcome == null) {
      promise.tryFail(OriginateOutcome.failureMessage(OriginateOutcome.NO_RESPONSE, "no OriginateResponse"));
    } else if (outcome.isSuccess()) {
      promise.tryComplete(new JsonObject().put("response", "Success").put("channel", outcome.getChannel())
          .put("uniqueId", outcome.getUniqueId()).put("reason", outcome.getReason()));
    } else {
      promise.tryFail(OriginateOutcome.failureMessage(OriginateOutcome.codeOfReason(outcome.getReason()),
          "Originate to " + outcome.getChannel() + " failed (reason " + outcome.getReason() + ")"));
    }
  }

  /**
   * Sends one action and completes with Asterisk's response, success or error alike (the caller reads which);
   * fails only when the action could not be sent or got no response.
   */
  Future<ManagerResponse> send(ManagerAction action) {
    Promise<ManagerResponse> promise = Promise.promise();
    worker.executeBlocking(() -> {
      connection.sendAction(action, promise::tryComplete);
      return null;
    }, false).onFailure(promise::tryFail);
    long timer = vertx.setTimer(10_000, id -> promise.tryFail(action.getAction() + " got no response"));
    return promise.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  /**
   * Reads what is live now and applies it to the model on the telephony context. A listing during which
   * asterisk-java dropped events ({@code dropped} moved) may lack rows, and a missing row ends a live call: it is
   * not applied, and the resync fails (the drop itself asks for another).
   */
  Future<Void> resync(CallModel model, LongSupplier dropped) {
    long droppedBefore = dropped.getAsLong();
    Future<ResponseEvents> channels = sendList(new CoreShowChannelsAction());
    Future<ResponseEvents> queues = channels.compose(c -> sendList(new QueueStatusAction()));
    return queues.compose(q -> {
      List<Resynchroniser.ChannelRow> rows = new ArrayList<>();
      channels.result().getEvents().forEach(e -> {
        if (e instanceof CoreShowChannelEvent c) {
          rows.add(new Resynchroniser.ChannelRow(c.getChannel(), c.getUniqueid(), c.getLinkedid(),
              c.getChannelStateDesc(), c.getCallerIdNum(), c.getCallerIdName(), c.getBridgeid(), c.getApplication(),
              c.getApplicationdata()));
        }
      });
      List<Resynchroniser.QueueEntryRow> entries = new ArrayList<>();
      List<String> members = new ArrayList<>();
      List<MemberState> states = new ArrayList<>();
      long now = System.currentTimeMillis();
      q.getEvents().forEach(e -> {
        if (e instanceof QueueEntryEvent entry) {
          entries.add(new Resynchroniser.QueueEntryRow(entry.getQueue(), entry.getUniqueId(), entry.getChannel(),
              entry.getWait() == null ? 0 : entry.getWait()));
        } else if (e instanceof QueueMemberEvent member) {
          String iface = member.getLocation() != null ? member.getLocation() : member.getInterface();
          members.add(iface);
          String reason = member.getPausedreason();
          states.add(new MemberState(member.getQueue(), iface,
              member.getMemberName() != null ? member.getMemberName() : member.getName(), member.getStatus(),
              member.getPaused(), reason == null || reason.isEmpty() ? null : reason, now, true));
        }
      });
      if (dropped.getAsLong() != droppedBefore) {
        return Future.failedFuture("asterisk-java dropped events while Asterisk listed what is live");
      }
      Promise<Void> applied = Promise.promise();
      context.runOnContext(v -> {
        new Resynchroniser(model).apply(rows, entries, members, now);
        model.endResync();
        model.resyncMembers(states);
        applied.complete();
      });
      return applied.future();
    });
  }

  private Future<ResponseEvents> sendList(EventGeneratingAction action) {
    Promise<ResponseEvents> promise = Promise.promise();
    worker.executeBlocking(() -> {
      connection.sendEventGeneratingAction(action, promise::tryComplete);
      return null;
    }, false).onFailure(promise::tryFail);
    long timer = vertx.setTimer(10_000, id -> promise.tryFail(action.getAction() + " got no complete answer"));
    return promise.future().onComplete(ar -> vertx.cancelTimer(timer));
  }
}
