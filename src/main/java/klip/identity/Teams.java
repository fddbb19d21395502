package klip.identity;

import io.vertx.core.Future;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which team a user is in, for the capabilities that check or filter by team. Identity owns the {@code users}
 * and {@code teams} tables; others ask here. Deactivated users keep their team, so past work stays with it.
 */
public interface Teams {

  /** The user's team, or null for an unknown user. */
  Future<String> teamOf(String username);

  /** The team of each of these users that exists, by username. */
  Future<Map<String, String>> teamsOf(Collection<String> usernames);

  /** The usernames of every user of the team, active or not. */
  Future<List<String>> membersOf(String team);
}
