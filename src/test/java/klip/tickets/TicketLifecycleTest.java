package klip.tickets;

import klip.access.Roles;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TicketLifecycleTest {

  /** The SOP's moves, written out independently of the table in TicketLifecycle. */
  private static final Map<TicketStatus, Set<TicketStatus>> SOP = Map.of(
      TicketStatus.RECEIVED, EnumSet.of(TicketStatus.ANSWERED, TicketStatus.TL_DISCUSSION, TicketStatus.ESCALATED),
      TicketStatus.TL_DISCUSSION, EnumSet.of(TicketStatus.ANSWERED, TicketStatus.ESCALATED),
      TicketStatus.ANSWERED, EnumSet.of(TicketStatus.CLOSED),
      TicketStatus.ESCALATED, EnumSet.of(TicketStatus.DIRECTORATE_ANSWERED),
      TicketStatus.DIRECTORATE_ANSWERED, EnumSet.of(TicketStatus.DELIVERED),
      TicketStatus.DELIVERED, EnumSet.of(TicketStatus.CLOSED),
      TicketStatus.CLOSED, EnumSet.noneOf(TicketStatus.class));

  @Test
  @DisplayName("Every one of the 49 status pairs is legal exactly when the SOP allows it, with a reason otherwise")
  void everyPair() {
    int legal = 0;
    for (TicketStatus from : TicketStatus.values()) {
      for (TicketStatus to : TicketStatus.values()) {
        boolean expected = SOP.get(from).contains(to);
        assertThat(TicketLifecycle.isLegal(from, to)).as(from + " -> " + to).isEqualTo(expected);
        assertThat(TicketLifecycle.refusal(from, to).isEmpty()).as(from + " -> " + to).isEqualTo(expected);
        if (!expected) {
          assertThat(TicketLifecycle.refusal(from, to).get()).contains(from.code()).contains(to.code());
        } else {
          legal++;
        }
      }
    }
    assertThat(legal).isEqualTo(9);
  }

  @Test
  @DisplayName("Only the escalation desk records the directorate's answer; only the floor does the rest")
  void movers() {
    assertThat(TicketLifecycle.mayMove(Roles.ESCALATION_AGENT, TicketStatus.DIRECTORATE_ANSWERED)).isTrue();
    assertThat(TicketLifecycle.mayMove(Roles.AGENT, TicketStatus.DIRECTORATE_ANSWERED)).isFalse();
    assertThat(TicketLifecycle.mayMove(Roles.AGENT, TicketStatus.ESCALATED)).isTrue();
    assertThat(TicketLifecycle.mayMove(Roles.ESCALATION_AGENT, TicketStatus.CLOSED)).isFalse();
    assertThat(TicketLifecycle.mayMove(Roles.QUALITY_ASSESSOR, TicketStatus.ANSWERED)).isFalse();
    for (String role : Roles.ALL) {
      assertThat(TicketLifecycle.mayMove(role, TicketStatus.RECEIVED)).isFalse();
    }
  }

  @Test
  @DisplayName("Status codes round-trip and unknown ones are refused")
  void codes() {
    for (TicketStatus s : TicketStatus.values()) {
      assertThat(TicketStatus.fromCode(s.code())).contains(s);
    }
    assertThat(TicketStatus.fromCode("resolved")).isEmpty();
  }
}
