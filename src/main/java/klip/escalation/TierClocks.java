package klip.escalation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How long each tier held a ticket, from its transitions and its escalation's milestones: the agent from
 * receipt (and again once the directorate's answer is back), the team leader during a discussion, the desk
 * from escalation to forwarding and from the directorate's reply to the hand-back, the directorate in between.
 * The clock stops when the taxpayer has the answer (answered, delivered, closed).
 */
final class TierClocks {

  enum Tier { AGENT, TEAM_LEADER, DESK, DIRECTORATE }

  private record Mark(Instant at, Tier tier) {
  }

  private TierClocks() {
  }

  static JsonObject compute(JsonObject lifecycle, JsonObject escalation, Instant now) {
    List<Mark> marks = new ArrayList<>();
    marks.add(new Mark(Instant.parse(lifecycle.getString("createdAt")), Tier.AGENT));
    JsonArray transitions = lifecycle.getJsonArray("transitions");
    for (int i = 0; i < transitions.size(); i++) {
      JsonObject t = transitions.getJsonObject(i);
      Tier tier = switch (t.getString("to")) {
        case "tl_discussion" -> Tier.TEAM_LEADER;
        case "escalated" -> Tier.DESK;
        case "directorate_answered" -> Tier.AGENT;
        default -> null;
      };
      marks.add(new Mark(Instant.parse(t.getString("at")), tier));
    }
    if (escalation != null) {
      addMark(marks, escalation.getString("forwardedAt"), Tier.DIRECTORATE);
      addMark(marks, escalation.getString("directorateReplyAt"), Tier.DESK);
    }
    marks.sort(Comparator.comparing(Mark::at));
    Map<Tier, Duration> spent = new EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      spent.put(tier, Duration.ZERO);
    }
    Tier holding = null;
    for (int i = 0; i < marks.size(); i++) {
      Mark m = marks.get(i);
      Instant end = i + 1 < marks.size() ? marks.get(i + 1).at() : now;
      if (m.tier() != null && end.isAfter(m.at())) {
        spent.merge(m.tier(), Duration.between(m.at(), end), Duration::plus);
      }
      holding = m.tier();
    }
    JsonObject tiers = new JsonObject();
    spent.forEach((tier, d) -> tiers.put(tier.name().toLowerCase(), d.toSeconds()));
    return new JsonObject().put("tiers", tiers).put("holding", holding == null ? null : holding.name().toLowerCase());
  }

  private static void addMark(List<Mark> marks, String iso, Tier tier) {
    if (iso != null) {
      marks.add(new Mark(Instant.parse(iso), tier));
    }
  }
}
