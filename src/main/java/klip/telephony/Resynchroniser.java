package klip.telephony;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds the call model from what Asterisk says is live right now (CoreShowChannels and QueueStatus),
 * after a reconnect or a restart. Calls that rang or were answered while we were not listening get their
 * facts now; calls that ended meanwhile are finished; facts already given are not repeated.
 */
final class Resynchroniser {

  private static final Logger log = LoggerFactory.getLogger(Resynchroniser.class);

  /** One row of CoreShowChannels; {@code application} and its data say which leg runs Queue(eapp,...). */
  record ChannelRow(String channel, String uniqueId, String linkedId, String state, String callerNumber,
                    String callerName, String bridgeId, String application, String applicationData) {

    ChannelRow(String channel, String uniqueId, String linkedId, String state, String callerNumber,
               String callerName, String bridgeId) {
      this(channel, uniqueId, linkedId, state, callerNumber, callerName, bridgeId, null, null);
    }

    /** The queue this leg waits or talks in when it runs Queue(), else null. */
    String queue() {
      if (!"Queue".equalsIgnoreCase(application) || applicationData == null || applicationData.isBlank()) {
        return null;
      }
      return applicationData.split(",", 2)[0].trim();
    }
  }

  /** One waiting caller of QueueStatus. */
  record QueueEntryRow(String queue, String uniqueId, String channel, long waitSeconds) {
  }

  private final CallModel model;

  Resynchroniser(CallModel model) {
    this.model = model;
  }

  void apply(List<ChannelRow> channels, List<QueueEntryRow> entries, List<String> memberInterfaces, long now) {
    memberInterfaces.forEach(model::learnMember);
    Map<String, List<ChannelRow>> byCall = new LinkedHashMap<>();
    for (ChannelRow row : channels) {
      if (row.linkedId() != null && !row.linkedId().isBlank()) {
        byCall.computeIfAbsent(row.linkedId(), id -> new java.util.ArrayList<>()).add(row);
      }
    }
    int finished = 0;
    for (LiveCall call : model.liveCalls()) {
      if (!byCall.containsKey(call.linkedId) && !model.begunDuringResync(call.linkedId)) {
        model.finish(call, now);
        finished++;
      }
    }
    Map<String, QueueEntryRow> entriesByUniqueId = new LinkedHashMap<>();
    entries.forEach(e -> entriesByUniqueId.put(e.uniqueId(), e));
    byCall.forEach((linkedId, rows) -> restore(linkedId, rows, entriesByUniqueId, now));
    log.info("Resynchronised from Asterisk: {} live calls, {} queue entries, {} calls ended while disconnected",
        byCall.size(), entries.size(), finished);
  }

  private void restore(String linkedId, List<ChannelRow> rows, Map<String, QueueEntryRow> entries, long now) {
    LiveCall call = model.getOrCreate(linkedId, now);
    if (call.ended) {
      return;
    }
    Set<String> names = new HashSet<>();
    rows.forEach(r -> names.add(r.channel()));
    call.liveChannels.clear();
    call.liveChannels.addAll(names);
    for (ChannelRow row : rows) {
      if (row.uniqueId() != null && row.uniqueId().equals(linkedId)) {
        call.learnCaller(row.callerNumber(), row.callerName());
      }
      QueueEntryRow entry = entries.get(row.uniqueId());
      if (entry != null && call.queue == null) {
        call.queue = entry.queue();
        call.queuedAt = now - entry.waitSeconds() * 1000;
      }
      if (entry != null || row.queue() != null) {
        // The leg in Queue() is the one the dialplan records: its Uniqueid names the recording.
        model.queuedLeg(call, row.uniqueId());
        if (call.queue == null) {
          call.queue = row.queue();
        }
      }
    }
    ChannelRow bridgedAgent = null;
    ChannelRow ringingAgent = null;
    for (ChannelRow row : rows) {
      if (!model.isMemberChannel(row.channel())) {
        continue;
      }
      boolean bridged = row.bridgeId() != null && !row.bridgeId().isBlank();
      if (bridged && "Up".equalsIgnoreCase(row.state())) {
        bridgedAgent = row;
      } else if (ringingAgent == null) {
        ringingAgent = row;
      }
      call.learnCaller(row.callerNumber(), row.callerName());
    }
    if (bridgedAgent != null) {
      String member = model.memberOf(bridgedAgent.channel());
      model.ring(call, member, null, now);
      model.answer(call, member, bridgedAgent.channel(), now);
    } else if (ringingAgent != null) {
      model.ring(call, model.memberOf(ringingAgent.channel()), null, now);
    }
  }
}
