package klip.identity;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link Teams} read from the users table. */
public final class TeamMembership implements Teams {

  private final Pool pool;

  public TeamMembership(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<String> teamOf(String username) {
    return pool.preparedQuery(UserQueries.TEAM_OF).execute(Tuple.of(username))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString("team") : null);
  }

  @Override
  public Future<Map<String, String>> teamsOf(Collection<String> usernames) {
    return pool.preparedQuery(UserQueries.TEAMS_OF).execute(Tuple.of(usernames.toArray(new String[0])))
        .map(rows -> {
          Map<String, String> teams = new HashMap<>();
          for (Row r : rows) {
            teams.put(r.getString("username"), r.getString("team"));
          }
          return teams;
        });
  }

  @Override
  public Future<List<String>> membersOf(String team) {
    return pool.preparedQuery(UserQueries.MEMBERS_OF).execute(Tuple.of(team))
        .map(rows -> {
          List<String> names = new java.util.ArrayList<>(rows.size());
          rows.forEach(r -> names.add(r.getString("username")));
          return names;
        });
  }
}
