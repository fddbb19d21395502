package klip.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.sqlclient.Pool;
import klip.facts.Backlogs;
import klip.telephony.AmiStatus;

/**
 * GET /health, on vertx-health-check: one procedure per dependency (the database, the AMI connection), each with
 * a time limit; DOWN overall when any of them is down. Call facts waiting for the database show as DEGRADED (the
 * server works, tickets are late) without making the whole DOWN. The report keeps the shape /health has always
 * had: {@code {status, checks: {database: {status, detail}, ami: {status, detail, reconnects}, callFacts: {status,
 * consumers}}}}.
 */
final class HealthCheck {

  /** A database that has not answered SELECT 1 by then counts as down. */
  private static final long CHECK_TIMEOUT_MS = 5_000;

  private final HealthChecks checks;

  HealthCheck(Vertx vertx, Pool pool, AmiStatus ami, Backlogs backlogs) {
    this.checks = HealthChecks.create(vertx)
        .register("database", CHECK_TIMEOUT_MS, done -> pool.query("SELECT 1").execute()
            .onSuccess(rows -> done.tryComplete(Status.OK(detail("PostgreSQL answers"))))
            .onFailure(err -> done.tryComplete(Status.KO(detail("PostgreSQL: " + err.getMessage())))))
        .register("ami", CHECK_TIMEOUT_MS, done -> done.complete(amiStatus(ami)))
        // Its own status (UP or DEGRADED) is in its report; the backlog is retried, never a reason for DOWN.
        .register("callFacts", CHECK_TIMEOUT_MS, done -> done.complete(Status.OK(backlogs.health())));
  }

  /** Who owns the AMI connection, on every node; a standby node's AMI being away is no fault of it. */
  private static Status amiStatus(AmiStatus ami) {
    JsonObject report = new JsonObject().put("reconnects", ami.reconnects()).put("node", ami.node())
        .put("owner", ami.owner()).put("fencingToken", ami.fencingToken());
    if (ami.connected()) {
      return Status.OK(report.put("detail", "AMI connected"));
    }
    if (ami.standby()) {
      return Status.OK(report.put("detail", "Standby: the AMI connection is owned by " + ami.owner()));
    }
    return Status.KO(report.put("detail", ami.lastError()));
  }

  Future<JsonObject> run() {
    return checks.checkStatus().map(result -> {
      JsonObject byName = new JsonObject();
      for (CheckResult check : result.getChecks()) {
        JsonObject report = new JsonObject().put("status", check.getUp() ? "UP" : "DOWN");
        if (check.getFailure() != null) {
          report.put("detail", check.getId() + ": " + check.getFailure().getMessage());
        } else if (check.getData() != null) {
          report.mergeIn(check.getData());
        }
        byName.put(check.getId(), report);
      }
      return new JsonObject().put("status", result.getUp() ? "UP" : "DOWN").put("checks", byName);
    });
  }

  private static JsonObject detail(String detail) {
    return new JsonObject().put("detail", detail);
  }
}
