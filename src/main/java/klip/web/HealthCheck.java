package klip.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import klip.telephony.AmiStatus;

/** GET /health: each dependency's state; DOWN overall when any of them is down. */
final class HealthCheck {

  private final Pool pool;
  private final AmiStatus ami;

  HealthCheck(Pool pool, AmiStatus ami) {
    this.pool = pool;
    this.ami = ami;
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
          .put("checks", new JsonObject().put("database", db).put("ami", amiCheck));
    });
  }
}
