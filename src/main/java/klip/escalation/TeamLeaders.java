package klip.escalation;

import klip.access.Principal;
import klip.access.Roles;
import klip.identity.UserDirectory;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which team leader an agent asks, and who is next when nobody answers: the agent's own team's leaders
 * first, then the other teams', each by username. Every active team leader counts as on duty (the roster has
 * no shift plan yet).
 */
final class TeamLeaders {

  private final UserDirectory users;

  TeamLeaders(UserDirectory users) {
    this.users = users;
  }

  /** Team leaders in the order an agent of {@code team} should reach them. */
  List<Principal> inOrderFor(String team) {
    return users.all().stream().filter(p -> p.hasRole(Roles.TEAM_LEADER))
        .sorted(Comparator.comparing((Principal p) -> !Objects.equals(p.team(), team))
            .thenComparing(Principal::username))
        .toList();
  }

  Optional<Principal> firstFor(String team) {
    return inOrderFor(team).stream().findFirst();
  }

  /** The next team leader on duty after {@code current}, never {@code current} itself. */
  Optional<Principal> nextAfter(String current, String team) {
    List<Principal> order = inOrderFor(team);
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i).username().equals(current)) {
        return order.size() > 1 ? Optional.of(order.get((i + 1) % order.size())) : Optional.empty();
      }
    }
    return order.stream().filter(p -> !p.username().equals(current)).findFirst();
  }

  Optional<Principal> byUsername(String username) {
    return username == null ? Optional.empty() : users.byUsername(username);
  }
}
