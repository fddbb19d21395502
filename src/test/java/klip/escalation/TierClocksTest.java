package klip.escalation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TierClocksTest {

  private static JsonObject move(String at, String to) {
    return new JsonObject().put("at", at).put("to", to);
  }

  @Test
  @DisplayName("Each tier's clock runs while it holds the ticket and stops once the taxpayer has the answer")
  void tiers() {
    JsonObject lifecycle = new JsonObject().put("createdAt", "2026-02-02T01:00:00Z").put("transitions", new JsonArray()
        .add(move("2026-02-02T01:10:00Z", "tl_discussion"))
        .add(move("2026-02-02T01:30:00Z", "escalated"))
        .add(move("2026-02-03T02:00:00Z", "directorate_answered"))
        .add(move("2026-02-03T02:15:00Z", "delivered")));
    JsonObject escalation = new JsonObject().put("forwardedAt", "2026-02-02T02:00:00Z")
        .put("directorateReplyAt", "2026-02-03T01:00:00Z");
    JsonObject clocks = TierClocks.compute(lifecycle, escalation, Instant.parse("2026-02-05T00:00:00Z"));
    JsonObject tiers = clocks.getJsonObject("tiers");
    assertThat(tiers.getLong("agent")).isEqualTo(10 * 60 + 15 * 60L);
    assertThat(tiers.getLong("team_leader")).isEqualTo(20 * 60L);
    assertThat(tiers.getLong("desk")).isEqualTo(30 * 60 + 60 * 60L);
    assertThat(tiers.getLong("directorate")).isEqualTo(23 * 3600L);
    assertThat(clocks.getString("holding")).isNull();
  }
}
