package klip.pbx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One app_queue queue: members, waiting callers and the running statistics Asterisk reports. */
public final class PbxQueue {
  /** A caller waiting in the queue (its queued channel is the ;2 leg). */
  static final class Entry {
    final PbxChannel channel;
    final long joinedMillis = System.currentTimeMillis();
    final int originalPosition;

    Entry(PbxChannel channel, int originalPosition) {
      this.channel = channel;
      this.originalPosition = originalPosition;
    }

    long waitSeconds() {
      return (System.currentTimeMillis() - joinedMillis) / 1000;
    }
  }

  final String name;
  final List<QueueMemberState> members = new ArrayList<>();
  final List<Entry> entries = new ArrayList<>();
  int completed;
  int abandoned;
  long holdTimeTotal;
  long talkTimeTotal;
  private int lastRung = -1;

  PbxQueue(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public List<QueueMemberState> members() {
    return List.copyOf(members);
  }

  Optional<QueueMemberState> member(String iface) {
    return members.stream().filter(m -> m.iface.equalsIgnoreCase(iface)).findFirst();
  }

  /** rrmemory: start after the member rung last and take the first available one. */
  Optional<QueueMemberState> nextAvailable() {
    for (int i = 1; i <= members.size(); i++) {
      int idx = (lastRung + i) % members.size();
      QueueMemberState m = members.get(idx);
      if (m.available()) {
        lastRung = idx;
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  void rememberRung(QueueMemberState member) {
    lastRung = members.indexOf(member);
  }

  int position(PbxChannel ch) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).channel == ch) {
        return i + 1;
      }
    }
    return 0;
  }

  Entry entry(PbxChannel ch) {
    return entries.stream().filter(e -> e.channel == ch).findFirst().orElse(null);
  }

  long avgHoldTime() {
    int n = completed + abandoned;
    return n == 0 ? 0 : holdTimeTotal / n;
  }

  long avgTalkTime() {
    return completed == 0 ? 0 : talkTimeTotal / completed;
  }

  long available() {
    return members.stream().filter(QueueMemberState::available).count();
  }
}
