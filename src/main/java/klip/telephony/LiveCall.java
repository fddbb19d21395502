package klip.telephony;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One call as the model knows it, keyed by Asterisk's Linkedid. Mutable, but only ever touched on the
 * telephony verticle's event loop; facts handed to other capabilities are JSON copies.
 */
public final class LiveCall {

  final String linkedId;
  String callerNumber;
  String callerName;
  String queue;
  long firstSeenAt;
  long queuedAt;
  String ringingInterface;
  final List<String> rang = new ArrayList<>();
  String connectedInterface;
  String agentChannel;
  long answeredAt;
  /**
   * The call was transferred away from its agent and has not reached anyone yet: the next ring (through the queue
   * or the dialplan's Dial to a team leader's phone) moves it on instead of being ignored as a repeat.
   */
  boolean transferring;
  /** Agents the call was transferred away from, in order. */
  final List<String> transferredFrom = new ArrayList<>();
  boolean ended;
  long endedAt;
  final Set<String> liveChannels = new LinkedHashSet<>();
  final Set<String> spies = new LinkedHashSet<>();
  /** The leg that runs Queue(): the dialplan records this one, and names the file after its Uniqueid. */
  String queuedUniqueId;
  /** The caller's channel that ran Queue() and is bridged with the agent: what a hold takes out of the bridge. */
  String queuedChannel;
  String recordingUniqueId;
  String recordingFile;
  /** Files of other MixMonitors on the call (a supervisor's, an AMI MixMonitor): kept, never the call's own. */
  final Set<String> extraRecordings = new LinkedHashSet<>();

  LiveCall(String linkedId, long firstSeenAt) {
    this.linkedId = linkedId;
    this.firstSeenAt = firstSeenAt;
  }

  public String linkedId() {
    return linkedId;
  }

  public String callerNumber() {
    return callerNumber;
  }

  /** The file MixMonitor writes, as Asterisk named it (its own file system), or null. */
  public String recordingFile() {
    return recordingFile;
  }

  /** The Uniqueid of the recorded leg, or null when no recording started. */
  public String recordingUniqueId() {
    return recordingUniqueId;
  }

  public boolean answered() {
    return connectedInterface != null;
  }

  void learnCaller(String number, String name) {
    if (number != null && callerNumber == null) {
      callerNumber = number;
    }
    if (name != null && callerName == null) {
      callerName = name;
    }
  }

  /** A JSON copy of the call for other capabilities (tickets, the live board). */
  public JsonObject toJson() {
    return new JsonObject()
        .put("callId", linkedId)
        .put("callerNumber", callerNumber)
        .put("callerName", callerName)
        .put("queue", queue)
        .put("firstSeenAt", firstSeenAt)
        .put("queuedAt", queuedAt == 0 ? null : queuedAt)
        .put("ringingInterface", ringingInterface)
        .put("rang", new JsonArray(new ArrayList<>(rang)))
        .put("connectedInterface", connectedInterface)
        .put("agentChannel", agentChannel)
        .put("answeredAt", answeredAt == 0 ? null : answeredAt)
        .put("transferring", transferring)
        .put("ended", ended)
        .put("channels", new JsonArray(new ArrayList<>(liveChannels)))
        .put("spies", new JsonArray(new ArrayList<>(spies)))
        .put("queuedUniqueId", queuedUniqueId)
        .put("queuedChannel", queuedChannel)
        // Without a MixMonitor seen (a call learned at a resync), the queued leg is the one the dialplan recorded.
        .put("recordingUniqueId", recordingUniqueId != null ? recordingUniqueId : queuedUniqueId)
        .put("recordingFile", recordingFile)
        .put("extraRecordings", new JsonArray(new ArrayList<>(extraRecordings)));
  }
}
