package klip.tickets;

import klip.access.Roles;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SOP's state machine: which status may follow which, and who may make each move. Pure and
 * table-driven so that the tests can walk every pair; {@link LifecycleService} applies it in a transaction.
 *
 * <pre>
 * received ─▶ answered ─▶ closed
 *    │  ▲         ▲
 *    ▼  │         │
 * tl_discussion ──┘
 *    │
 *    ▼
 * escalated ─▶ directorate_answered ─▶ delivered ─▶ closed
 * </pre>
 * A ticket may also be escalated straight from received (the agent already knows nobody on the floor can
 * answer, e.g. a system fault only the directorate can see).
 */
public final class TicketLifecycle {

  private static final Map<TicketStatus, Set<TicketStatus>> NEXT = new EnumMap<>(TicketStatus.class);
  private static final Map<TicketStatus, Set<String>> MOVERS = new EnumMap<>(TicketStatus.class);

  static {
    NEXT.put(TicketStatus.RECEIVED, EnumSet.of(TicketStatus.ANSWERED, TicketStatus.TL_DISCUSSION,
        TicketStatus.ESCALATED));
    NEXT.put(TicketStatus.TL_DISCUSSION, EnumSet.of(TicketStatus.ANSWERED, TicketStatus.ESCALATED));
    NEXT.put(TicketStatus.ANSWERED, EnumSet.of(TicketStatus.CLOSED));
    NEXT.put(TicketStatus.ESCALATED, EnumSet.of(TicketStatus.DIRECTORATE_ANSWERED));
    NEXT.put(TicketStatus.DIRECTORATE_ANSWERED, EnumSet.of(TicketStatus.DELIVERED));
    NEXT.put(TicketStatus.DELIVERED, EnumSet.of(TicketStatus.CLOSED));
    NEXT.put(TicketStatus.CLOSED, EnumSet.noneOf(TicketStatus.class));

    Set<String> floor = Set.of(Roles.AGENT, Roles.TEAM_LEADER);
    MOVERS.put(TicketStatus.TL_DISCUSSION, floor);
    MOVERS.put(TicketStatus.ANSWERED, floor);
    MOVERS.put(TicketStatus.ESCALATED, floor);
    // Only the escalation desk records what the directorate answered.
    MOVERS.put(TicketStatus.DIRECTORATE_ANSWERED, Set.of(Roles.ESCALATION_AGENT));
    MOVERS.put(TicketStatus.DELIVERED, floor);
    MOVERS.put(TicketStatus.CLOSED, floor);
    MOVERS.put(TicketStatus.RECEIVED, Set.of());
  }

  private TicketLifecycle() {
  }

  public static Set<TicketStatus> next(TicketStatus from) {
    return NEXT.get(from);
  }

  public static boolean isLegal(TicketStatus from, TicketStatus to) {
    return NEXT.get(from).contains(to);
  }

  /** Why {@code from → to} is not allowed, in the API's words; empty when it is allowed. */
  public static Optional<String> refusal(TicketStatus from, TicketStatus to) {
    if (isLegal(from, to)) {
      return Optional.empty();
    }
    if (from == to) {
      return Optional.of("Tiket sudah berstatus '" + to + "' (ticket is already " + to + ")");
    }
    return Optional.of("Perpindahan status dari '" + from + "' ke '" + to + "' tidak diizinkan oleh SOP; "
        + "yang boleh: " + NEXT.get(from));
  }

  /** Whether someone with {@code role} may move a ticket into {@code to}. */
  public static boolean mayMove(String role, TicketStatus to) {
    return MOVERS.getOrDefault(to, Set.of()).contains(role);
  }
}
