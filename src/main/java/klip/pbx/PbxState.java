package klip.pbx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the PBX knows right now. Only touched on the PBX's Vert.x context, so no locking;
 * CoreShowChannels and QueueStatus are rendered from it and therefore always tell the truth.
 */
final class PbxState {
  final Map<String, PbxChannel> channels = new LinkedHashMap<>();
  final Map<String, PbxQueue> queues = new LinkedHashMap<>();
  /** Told about every channel that goes away, e.g. so a spy can follow its spyee. */
  java.util.function.Consumer<PbxChannel> removalListener = ch -> { };
  private long uniqueCounter;
  private long localSequence;

  /** Uniqueids look like Asterisk's: epoch seconds, a dot, a counter that never goes back. */
  String nextUniqueid() {
    return (System.currentTimeMillis() / 1000) + "." + uniqueCounter++;
  }

  /** Channel name suffix, shared by all channel technologies like Asterisk's own counter. */
  String nextSequence() {
    return String.format("%08x", localSequence++);
  }

  static String newBridgeId() {
    return UUID.randomUUID().toString();
  }

  PbxChannel create(String name, String linkedid, int state, String context, String exten) {
    String uid = nextUniqueid();
    PbxChannel ch = new PbxChannel(name, uid, linkedid == null ? uid : linkedid, state, context, exten);
    channels.put(name, ch);
    return ch;
  }

  void remove(PbxChannel ch) {
    if (ch != null && channels.remove(ch.name) != null) {
      removalListener.accept(ch);
    }
  }

  boolean alive(PbxChannel ch) {
    return ch != null && channels.get(ch.name) == ch;
  }

  PbxQueue queue(String name) {
    return queues.computeIfAbsent(name, PbxQueue::new);
  }

  List<PbxChannel> liveChannels() {
    return new ArrayList<>(channels.values());
  }

  void addMember(String queue, String iface, String memberName) {
    PbxQueue q = queue(queue);
    if (q.member(iface).isEmpty()) {
      q.members.add(new QueueMemberState(queue, iface, memberName));
    }
  }
}
