package klip.bench;

import klip.pbx.TranscriptReplayer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real event mix of a call, cut out of a capture from Asterisk 22: every event whose Linkedid (or
 * DestLinkedid, LocalOneLinkedid...) is the call's, plus the unlinked events (DeviceStateChange,
 * QueueMemberStatus, Cdr...) that follow them, byte for byte. Each template is compiled once into literal
 * pieces and slots (Uniqueids, channel sequences, bridge ids, caller, agents) so that rendering a fresh call
 * is plain string concatenation: the benchmark's own cost must not weigh on the two cores it measures.
 */
final class CallTemplates {

  private static final Pattern LINKED = Pattern.compile("(?m)^\\w*Linkedid: (\\S+)");
  private static final Pattern FIELD_TEMPLATE = Pattern.compile("(?m)^%s: (.*)$");

  private CallTemplates() {
  }

  /** One captured call: its events split into the four moments the PBX writes them at. */
  record Template(List<Piece> entry, List<Piece> ring, List<Piece> answer, List<Piece> end, int eventCount,
                  int linkedSlot) {

    /**
     * A fresh call: ids unique for {@code seq}, ringing {@code agent} (the capture's other agent becomes
     * {@code other}), from {@code number}/{@code name}.
     */
    Call render(long seq, BenchAgent agent, BenchAgent other, String number, String name) {
      Map<Slot, String> fixed = Map.of(Slot.NUMBER, number, Slot.NAME, name, Slot.AGENT, agent.extension(),
          Slot.AGENT_NAME, agent.displayName(), Slot.OTHER, other.extension(), Slot.OTHER_NAME, other.displayName());
      return new Call(uniqueId(seq, linkedSlot), agent, eventCount, render(entry, seq, fixed),
          render(ring, seq, fixed), render(answer, seq, fixed), render(end, seq, fixed));
    }

    private static String render(List<Piece> pieces, long seq, Map<Slot, String> fixed) {
      StringBuilder sb = new StringBuilder(pieces.size() * 24);
      for (Piece p : pieces) {
        if (p.slot == null) {
          sb.append(p.literal);
        } else {
          sb.append(switch (p.slot) {
            case UNIQUEID -> uniqueId(seq, p.index);
            case CHANNEL_SEQ -> String.format("-%08x", seq * 64 + p.index);
            case BRIDGE_ID -> String.format("%08x-0000-4000-8000-%012x", seq, p.index);
            default -> fixed.get(p.slot);
          });
        }
      }
      return sb.toString();
    }

    private static String uniqueId(long seq, int index) {
      return (1_800_000_000L + seq) + "." + index;
    }
  }

  /** A rendered call: the AMI bytes of its four moments, and the Linkedid its ticket will carry. */
  record Call(String linkedId, BenchAgent agent, int eventCount, String entry, String ring, String answer,
              String end) {

    String all() {
      return entry + ring + answer + end;
    }
  }

  /** A literal, or a slot (kind + index within the call) filled in at render time. */
  record Piece(String literal, Slot slot, int index) {
  }

  enum Slot { UNIQUEID, CHANNEL_SEQ, BRIDGE_ID, NUMBER, NAME, AGENT, AGENT_NAME, OTHER, OTHER_NAME }

  /** The queued calls of a capture that rang an agent, as templates. */
  static List<Template> fromCapture(String transcript) {
    Map<String, List<String>> byCall = new LinkedHashMap<>();
    String current = null;
    for (String block : TranscriptReplayer.events(transcript)) {
      if (block.startsWith("Event: FullyBooted") || block.startsWith("Event: SuccessfulAuth")
          || block.contains("\r\nUniqueid: none\r\n")) {
        continue;
      }
      Matcher m = LINKED.matcher(block);
      if (m.find()) {
        current = m.group(1);
      }
      if (current != null) {
        byCall.computeIfAbsent(current, k -> new ArrayList<>()).add(block);
      }
    }
    List<Template> out = new ArrayList<>();
    byCall.forEach((linkedId, events) -> {
      int ring = indexOf(events, "Event: AgentCalled\r\n", 0);
      if (ring >= 0 && indexOf(events, "Event: AgentConnect\r\n", ring) > ring) {
        out.add(compile(linkedId, events, ring));
      }
    });
    return out;
  }

  static List<Template> fromResource(String name) {
    try (InputStream in = CallTemplates.class.getResourceAsStream(name)) {
      return fromCapture(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("Capture " + name + " missing from the test classpath", e);
    }
  }

  private static Template compile(String linkedId, List<String> events, int ring) {
    String called = events.get(ring);
    String number = field(called, "CallerIDNum");
    String name = field(called, "CallerIDName");
    String member = field(called, "Interface");
    String agent = member.substring("Local/".length(), member.indexOf('@'));
    String other = agent.equals("agent1") ? "agent2" : "agent1";
    String agentName = field(called, "MemberName");
    String otherName = agentName.equals("Agent One") ? "Agent Two" : "Agent One";
    Pattern tokens = Pattern.compile(
        "(?<bridge>\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b)"
            + "|(?<uid>\\b\\d{10}\\.\\d+\\b)"
            + "|(?<chan>-[0-9a-f]{8}(?![0-9a-f]))"
            + "|(?<number>" + Pattern.quote(number) + ")"
            + "|(?<name>" + Pattern.quote(name) + ")"
            + "|(?<agent>\\b" + agent + "\\b)|(?<other>\\b" + other + "\\b)"
            + "|(?<agentName>" + Pattern.quote(agentName) + ")|(?<otherName>" + Pattern.quote(otherName) + ")");
    Map<Slot, Map<String, Integer>> indexes = new LinkedHashMap<>();
    int answer = indexOf(events, "Event: AgentConnect\r\n", ring);
    int end = Math.max(indexOf(events, "Event: Hangup\r\n", answer), answer);
    List<List<Piece>> parts = new ArrayList<>();
    int[] bounds = {0, ring, answer, end, events.size()};
    for (int p = 0; p < 4; p++) {
      parts.add(pieces(String.join("", events.subList(bounds[p], bounds[p + 1])), tokens, indexes));
    }
    int linkedSlot = indexes.get(Slot.UNIQUEID).get(linkedId);
    return new Template(parts.get(0), parts.get(1), parts.get(2), parts.get(3), events.size(), linkedSlot);
  }

  private static List<Piece> pieces(String text, Pattern tokens, Map<Slot, Map<String, Integer>> indexes) {
    List<Piece> out = new ArrayList<>();
    Matcher m = tokens.matcher(text);
    int last = 0;
    while (m.find()) {
      if (m.start() > last) {
        out.add(new Piece(text.substring(last, m.start()), null, 0));
      }
      Slot slot = slotOf(m);
      String value = m.group();
      Map<String, Integer> seen = indexes.computeIfAbsent(slot, s -> new LinkedHashMap<>());
      int index = seen.computeIfAbsent(value, v -> seen.size());
      out.add(new Piece(null, slot, index));
      last = m.end();
    }
    if (last < text.length()) {
      out.add(new Piece(text.substring(last), null, 0));
    }
    return out;
  }

  private static Slot slotOf(Matcher m) {
    if (m.group("bridge") != null) {
      return Slot.BRIDGE_ID;
    }
    if (m.group("uid") != null) {
      return Slot.UNIQUEID;
    }
    if (m.group("chan") != null) {
      return Slot.CHANNEL_SEQ;
    }
    if (m.group("number") != null) {
      return Slot.NUMBER;
    }
    if (m.group("name") != null) {
      return Slot.NAME;
    }
    if (m.group("agent") != null) {
      return Slot.AGENT;
    }
    if (m.group("other") != null) {
      return Slot.OTHER;
    }
    return m.group("agentName") != null ? Slot.AGENT_NAME : Slot.OTHER_NAME;
  }

  private static int indexOf(List<String> events, String prefix, int from) {
    for (int i = from; i < events.size(); i++) {
      if (events.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  private static String field(String block, String name) {
    Matcher m = Pattern.compile(String.format(FIELD_TEMPLATE.pattern(), name)).matcher(block);
    if (!m.find()) {
      throw new IllegalStateException("Captured AgentCalled has no " + name);
    }
    return m.group(1).trim();
  }
}
