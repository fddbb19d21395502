package klip.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import klip.facts.Backlogs;
import klip.telephony.AmiStatus;

/**
 * GET /health: each dependency's state; DOWN overall when any of them is down. Call facts waiting for the database
 * show as DEGRADED: the server works, tickets are late.
 */
final class HealthCheck {

  private final Pool pool;
  private final AmiStatus ami;
  private final Backlogs backlogs;

  HealthCheck(Pool pool, AmiStatus ami, Backlogs backlogs) {
    this.pool = pool;
    this.ami = ami;
    this.backlogs = backlogs;
  }

  Future<JsonObject> run() {
    Future<JsonObject> database = pool.query("SELECT 1").execute()
        .map(rows -> WebVerticle.check("UP", "PostgreSQL answers"))
        .otherwise(err -> WebVerticle.check("DOWN", "PostgreSQL: " + err.getMessage()));
    JsonObject amiCheck = ami.connected()
        ? WebVerticle.check("UP", "AMI connected").put("reconnects", ami.reconnects())
        : WebVerticle.check("DOWN", ami.lastError()).put("reconnects", ami.reconnects());
    return database.map(db -> {
      boolean up = db.getString("status").equals("UP") && amiCheck.getString("status").equals("UP");
      return new JsonObject().put("status", up ? "UP" : "DOWN")
          .put("checks", new JsonObject().put("database", db).put("ami", amiCheck)
              .put("callFacts", backlogs.health()));
    });
  }
}
