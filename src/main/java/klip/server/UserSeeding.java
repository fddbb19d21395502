package klip.server;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import klip.config.AppConfig;
import klip.demo.DemoData;
import klip.identity.SecurityConfig;
import klip.identity.UserDirectory;

import java.util.List;

/**
 * The users a start needs before anything else deploys: the roster from the configuration, an administrator outside
 * demo mode, and the demo's data when asked for it.
 */
final class UserSeeding {

  private UserSeeding() {
  }

  static Future<Void> seed(AppConfig config, SecurityConfig security, UserDirectory users, Pool pool) {
    Future<Void> seeded = users.followOtherNodes().compose(v -> users.seed(rosterFor(config), config.demo()))
        .compose(v -> ensureAdministrator(config, security, users));
    return config.demo() ? seeded.compose(v -> DemoData.load(pool)) : seeded;
  }

  /**
   * Outside demo mode someone must be able to administer the server: KLIP_ADMIN_PASSWORD sets the administrator's
   * password at every start; without it, an administrator must already exist in the database.
   */
  private static Future<Void> ensureAdministrator(AppConfig config, SecurityConfig security, UserDirectory users) {
    if (config.demo()) {
      return Future.succeededFuture();
    }
    if (security.adminPassword() != null) {
      if (security.adminPassword().length() < 12) {
        return Future.failedFuture("KLIP_ADMIN_PASSWORD must be at least 12 characters long");
      }
      return users.ensureAdmin(security.adminUsername(), security.adminPassword());
    }
    return users.hasAdmin().compose(has -> has ? Future.succeededFuture() : Future.failedFuture(
        "Production mode (KLIP_DEMO=false) needs an administrator: set KLIP_ADMIN_PASSWORD (or "
            + "KLIP_ADMIN_PASSWORD_FILE) to create '" + security.adminUsername() + "' on this first start"));
  }

  /** Outside demo mode, roster passwords are ignored: real users get theirs from an administrator. */
  private static List<AppConfig.RosterEntry> rosterFor(AppConfig config) {
    if (config.demo()) {
      return config.roster();
    }
    return config.roster().stream().map(r -> new AppConfig.RosterEntry(r.username(), r.displayName(), r.role(),
        r.phoneInterface(), r.team(), null)).toList();
  }
}
