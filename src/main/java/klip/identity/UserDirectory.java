package klip.identity;

import klip.access.Roles;
import klip.access.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import klip.Addresses;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import klip.config.AppConfig;
import klip.phone.InterfaceNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Users from PostgreSQL, with an in-memory index by phone interface for the hot path of a ringing call.
 * Password hashing and checking run on a named worker pool: Argon2id is deliberately slow.
 */
public final class UserDirectory implements AgentDirectory {

  private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);
  /** Checked when the username is unknown, so a miss costs as long as a hit: no user enumeration by timing. */
  static final String DUMMY_HASH = PasswordHasher.hash("not-a-password");

  private final Pool pool;
  private final EventBus bus;
  /** Tells this directory's own change notices from other nodes'. */
  private final String origin = UUID.randomUUID().toString();
  private final WorkerExecutor hashing;
  private final Map<String, Principal> byInterfaceBase = new ConcurrentHashMap<>();
  private final Map<String, Principal> byUsername = new ConcurrentHashMap<>();
  private volatile Set<String> teamsWithLeader = Set.of();

  public UserDirectory(Vertx vertx, Pool pool) {
    this.pool = pool;
    this.bus = vertx.eventBus();
    this.hashing = vertx.createSharedWorkerExecutor("klip-password-hashing", 2);
  }

  /**
   * Re-reads the directory after an administrator's change, and has every other node of a cluster do the same: a
   * user deactivated on one node must lose their sessions' rights on all of them, a new one sign in on any.
   */
  Future<Void> changed() {
    return reload().onSuccess(v -> bus.publish(Addresses.USERS_CHANGED, origin));
  }

  /** Reloads whenever another node's directory {@link #changed}; completes once listening. */
  public Future<Void> followOtherNodes() {
    return bus.<String>consumer(Addresses.USERS_CHANGED, m -> {
      if (!origin.equals(m.body())) {
        reload().onFailure(err -> log.warn("User directory not reloaded after a change on another node: {}",
            err.getMessage()));
      }
    }).completion();
  }

  /**
   * Creates or updates the roster's users (and their teams); passwords are set only where a user has none yet.
   * In demo mode the users are marked as demo users: a production start takes their well-known passwords away.
   */
  public Future<Void> seed(List<AppConfig.RosterEntry> roster, boolean demo) {
    Future<Void> chain = demo ? Future.succeededFuture()
        : pool.query("UPDATE users SET password_hash = NULL, demo = FALSE WHERE demo").execute().map(rows -> {
          if (rows.rowCount() > 0) {
            log.warn("Production start: {} demo users lost their demo passwords", rows.rowCount());
          }
          return null;
        });
    for (AppConfig.RosterEntry entry : roster) {
      chain = chain.compose(v -> upsert(entry, demo));
    }
    return chain.compose(v -> reload());
  }

  /** Sets (or creates the user with) a password: the administrator from KLIP_ADMIN_PASSWORD. */
  public Future<Void> ensureAdmin(String username, String password) {
    AppConfig.RosterEntry admin = new AppConfig.RosterEntry(username, "Administrator", Roles.ADMIN, null, "admin",
        null);
    return upsert(admin, false)
        .compose(v -> hashing.executeBlocking(() -> PasswordHasher.hash(password), false))
        .compose(h -> pool.preparedQuery("UPDATE users SET password_hash = $2, role = $3, active = TRUE, "
            + "updated_at = now() WHERE username = $1").execute(Tuple.of(username, h, Roles.ADMIN)))
        .compose(v -> reload());
  }

  /** Whether any active administrator can sign in with a password. */
  public Future<Boolean> hasAdmin() {
    return pool.preparedQuery("SELECT 1 FROM users WHERE role = $1 AND active AND password_hash IS NOT NULL LIMIT 1")
        .execute(Tuple.of(Roles.ADMIN)).map(rows -> rows.size() > 0);
  }

  /** Sets a user's password (hashed on the hashing pool). */
  /** {@code alsoInTransaction} (the change's audit entry) commits with the new password. */
  public Future<Void> setPassword(String username, String password,
                                  Function<SqlConnection, Future<Void>> alsoInTransaction) {
    return hash(password).compose(h -> pool.withTransaction(tx -> tx.preparedQuery(
            "UPDATE users SET password_hash = $2, updated_at = now() WHERE username = $1")
        .execute(Tuple.of(username, h)).compose(v -> alsoInTransaction.apply(tx))));
  }

  /** Hashes a password on the hashing pool (never on an event loop). */
  public Future<String> hash(String password) {
    return hashing.executeBlocking(() -> PasswordHasher.hash(password), false);
  }

  private Future<Void> upsert(AppConfig.RosterEntry e, boolean demo) {
    if (!Roles.ALL.contains(e.role())) {
      return Future.failedFuture("Roster entry " + e.username() + " has unknown role '" + e.role() + "'; roles are "
          + Roles.ALL);
    }
    Future<String> hash = e.password() == null
        ? Future.succeededFuture(null)
        : hashing.executeBlocking(() -> PasswordHasher.hash(e.password()), false);
    return hash.compose(h -> pool.preparedQuery("INSERT INTO teams (code, name) VALUES ($1, $1) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(e.team()))
        .compose(v -> pool.preparedQuery("""
            INSERT INTO users (username, display_name, role, team, phone_interface, password_hash, demo)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name, role = EXCLUDED.role,
              team = EXCLUDED.team, phone_interface = EXCLUDED.phone_interface,
              password_hash = COALESCE(users.password_hash, EXCLUDED.password_hash),
              demo = users.demo OR EXCLUDED.demo
            """)
        .execute(Tuple.from(new Object[] {e.username(), e.displayName(), e.role(), e.team(), e.phoneInterface(), h,
            demo})))
        .mapEmpty());
  }

  /** Re-reads every active user into the in-memory indexes. */
  public Future<Void> reload() {
    return pool.query("SELECT username, display_name, role, team, phone_interface FROM users WHERE active")
        .execute()
        .map(rows -> {
          Map<String, Principal> interfaces = new ConcurrentHashMap<>();
          Map<String, Principal> names = new ConcurrentHashMap<>();
          for (Row r : rows) {
            Principal p = principal(r);
            names.put(p.username(), p);
            if (p.phoneInterface() != null) {
              interfaces.put(InterfaceNames.baseOfInterface(p.phoneInterface()), p);
            }
          }
          byInterfaceBase.keySet().retainAll(interfaces.keySet());
          byInterfaceBase.putAll(interfaces);
          byUsername.keySet().retainAll(names.keySet());
          byUsername.putAll(names);
          teamsWithLeader = teamsWithLeader(names.values());
          log.info("User directory loaded: {} users, {} phone interfaces", names.size(), interfaces.size());
          return null;
        });
  }

  @Override
  public Optional<Principal> byInterface(String memberInterface) {
    return Optional.ofNullable(byInterfaceBase.get(InterfaceNames.baseOfInterface(memberInterface)));
  }

  @Override
  public Optional<Principal> byUsername(String username) {
    return Optional.ofNullable(byUsername.get(username));
  }

  @Override
  public Optional<Principal> teamLeaderWithPhone(String team) {
    return team == null ? Optional.empty() : all().stream().filter(p -> p.hasRole(Roles.TEAM_LEADER)
        && team.equals(p.team()) && p.phoneInterface() != null && !p.phoneInterface().isBlank()).findFirst();
  }

  /** Every active user, by username: the board lists a team's agents from it. */
  public List<Principal> all() {
    return byUsername.values().stream().sorted(java.util.Comparator.comparing(Principal::username)).toList();
  }

  /**
   * The teams that have a team leader; unsorted, a copy the caller may change. Worked out at each reload, not at
   * each call: the live board asks it at every push, and walking a large roster each time showed in its profile.
   */
  public Set<String> teamsWithLeader() {
    return new HashSet<>(teamsWithLeader);
  }

  private static Set<String> teamsWithLeader(Collection<Principal> users) {
    Set<String> teams = new HashSet<>();
    for (Principal p : users) {
      if (p.team() != null && p.hasRole(Roles.TEAM_LEADER)) {
        teams.add(p.team());
      }
    }
    return Set.copyOf(teams);
  }

  /** Interfaces of every agent and team leader in the roster: the call model recognises their channels. */
  public List<String> phoneInterfaces() {
    return byUsername.values().stream().map(Principal::phoneInterface).filter(i -> i != null).toList();
  }

  /** The user if the password matches; empty otherwise, with the same cost either way. */
  public Future<Optional<Principal>> authenticate(String username, String password) {
    return pool.preparedQuery("""
            SELECT username, display_name, role, team, phone_interface, password_hash
            FROM users WHERE username = $1 AND active
            """)
        .execute(Tuple.of(username))
        .compose(rows -> {
          Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
          String stored = row == null || row.getString("password_hash") == null
              ? DUMMY_HASH : row.getString("password_hash");
          return hashing.executeBlocking(() -> PasswordHasher.matches(password, stored), false)
              .map(ok -> ok && row != null && row.getString("password_hash") != null
                  ? Optional.of(principal(row)) : Optional.<Principal>empty());
        });
  }

  private static Principal principal(Row r) {
    return new Principal(r.getString("username"), r.getString("display_name"), r.getString("role"),
        r.getString("team"), r.getString("phone_interface"));
  }
}
