package klip.pbx;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders the list actions a client uses to resynchronise (CoreShowChannels, QueueStatus,
 * QueueSummary) from live state, in the shape captured from Asterisk 22 in session 3.
 */
final class StatusReports {
  private final PbxState state;

  StatusReports(PbxState state) {
    this.state = state;
  }

  List<AmiMessage> coreShowChannels(String actionId) {
    List<AmiMessage> out = new ArrayList<>();
    out.add(listStart(actionId, "Channels will follow"));
    long now = System.currentTimeMillis();
    for (PbxChannel ch : state.liveChannels()) {
      AmiMessage m = AmiMessage.event("CoreShowChannel", null).add("ActionID", actionId);
      ch.appendHeader(m, "");
      out.add(m.add("Application", ch.application).add("ApplicationData", ch.applicationData)
          .add("Duration", duration((now - ch.createdMillis) / 1000)).add("BridgeId", ch.bridgeId));
    }
    out.add(listComplete("CoreShowChannelsComplete", actionId, out.size() - 1));
    return out;
  }

  List<AmiMessage> queueStatus(String actionId, String queueFilter) {
    List<AmiMessage> out = new ArrayList<>();
    out.add(listStart(actionId, "Queue status will follow"));
    for (PbxQueue q : state.queues.values()) {
      if (queueFilter != null && !queueFilter.isEmpty() && !queueFilter.equals(q.name)) {
        continue;
      }
      out.add(AmiMessage.event("QueueParams", null).add("Queue", q.name).add("Max", 0).add("Strategy", "rrmemory")
          .add("Calls", q.entries.size()).add("Holdtime", q.avgHoldTime()).add("TalkTime", q.avgTalkTime())
          .add("Completed", q.completed).add("Abandoned", q.abandoned).add("ServiceLevel", 0)
          .add("ServicelevelPerf", "0.0").add("ServicelevelPerf2", "0.0").add("Weight", 0).add("ActionID", actionId));
      for (QueueMemberState m : q.members) {
        out.add(m.listItem(actionId));
      }
      int pos = 1;
      for (PbxQueue.Entry e : q.entries) {
        PbxChannel ch = e.channel;
        out.add(AmiMessage.event("QueueEntry", null).add("Queue", q.name).add("Position", pos++)
            .add("Channel", ch.name).add("Uniqueid", ch.uniqueid).add("CallerIDNum", ch.callerIdNum)
            .add("CallerIDName", ch.callerIdName).add("ConnectedLineNum", ch.connectedNum)
            .add("ConnectedLineName", ch.connectedName).add("Wait", e.waitSeconds()).add("Priority", 0)
            .add("ActionID", actionId));
      }
    }
    out.add(listComplete("QueueStatusComplete", actionId, out.size() - 1));
    return out;
  }

  List<AmiMessage> queueSummary(String actionId, String queueFilter) {
    List<AmiMessage> out = new ArrayList<>();
    out.add(listStart(actionId, "Queue summary will follow"));
    for (PbxQueue q : state.queues.values()) {
      if (queueFilter != null && !queueFilter.isEmpty() && !queueFilter.equals(q.name)) {
        continue;
      }
      long longest = q.entries.stream().mapToLong(PbxQueue.Entry::waitSeconds).max().orElse(0);
      out.add(AmiMessage.event("QueueSummary", null).add("Queue", q.name)
          .add("LoggedIn", q.members.size()).add("Available", q.available()).add("Callers", q.entries.size())
          .add("HoldTime", q.avgHoldTime()).add("TalkTime", q.avgTalkTime()).add("LongestHoldTime", longest)
          .add("ActionID", actionId));
    }
    out.add(listComplete("QueueSummaryComplete", actionId, out.size() - 1));
    return out;
  }

  private static AmiMessage listStart(String actionId, String message) {
    return AmiMessage.response("Success", actionId).add("EventList", "start").add("Message", message);
  }

  private static AmiMessage listComplete(String event, String actionId, int items) {
    return AmiMessage.event(event, null).add("ActionID", actionId).add("EventList", "Complete")
        .add("ListItems", items);
  }

  private static String duration(long seconds) {
    return String.format("%02d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  }
}
