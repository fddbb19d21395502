package klip.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Built-in defaults: a newcomer's demo on one machine, with the simulated PBX and embedded PostgreSQL. */
final class Defaults {

  private Defaults() {
  }

  static JsonObject values() {
    return new JsonObject()
        .put("KLIP_HTTP_PORT", 8080)
        .put("KLIP_HTTP_HOST", "0.0.0.0")
        .put("KLIP_HTTP_IDLE_TIMEOUT_MS", 60_000)
        .put("KLIP_HTTP_HEADERS_TIMEOUT_MS", 10_000)
        .put("KLIP_DATA_DIR", "./data")
        .put("KLIP_RECORDINGS_DIR", "./recordings")
        .put("KLIP_DB_URL", "")
        .put("KLIP_DB_USER", "klip")
        .put("KLIP_DB_PASSWORD", "")
        .put("KLIP_DB_POOL_SIZE", 8)
        .put("KLIP_DB_SUPERVISE_MS", 1000)
        .put("KLIP_AMI_HOST", "")
        .put("KLIP_AMI_PORT", 5038)
        .put("KLIP_AMI_USERNAME", "klip")
        .put("KLIP_AMI_SECRET", ProductionSafety.DEMO_AMI_SECRET)
        .put("KLIP_AMI_RECONNECT_MAX_MS", 30000)
        .put("KLIP_SIM_PORT", 0)
        .put("KLIP_SIM_TIME_SCALE", "1.0")
        .put("KLIP_DEMO", "false")
        .put("KLIP_POP_ACK_TIMEOUT_MS", 10000)
        .put("KLIP_SESSION_IDLE_MS", 30 * 60_000)
        .put("KLIP_SESSION_MAX_MS", 12 * 60 * 60_000)
        .put("KLIP_COOKIE_SECURE", "auto")
        .put("KLIP_TRUSTED_PROXIES", "")
        .put("KLIP_LOGIN_MAX_FAILURES", 5)
        .put("KLIP_LOGIN_MAX_FAILURES_PER_ADDRESS", 20)
        .put("KLIP_LOGIN_LOCK_MS", 15 * 60_000)
        .put("KLIP_ADMIN_USERNAME", "admin")
        .put("KLIP_ADMIN_PASSWORD", "")
        .put("KLIP_OIDC_ISSUER", "")
        .put("KLIP_OIDC_CLIENT_ID", "")
        .put("KLIP_OIDC_CLIENT_SECRET", "")
        .put("KLIP_OIDC_USERNAME_CLAIM", "preferred_username")
        .put("KLIP_OIDC_REDIRECT_URI", "")
        .put("KLIP_FACT_BACKLOG_ALERT", 1000)
        .put("KLIP_FACT_BACKLOG_MAX", 100000)
        .put("KLIP_RECORDING_GRACE_MS", 30000)
        .put("KLIP_RETENTION_DAYS", 730)
        .put("KLIP_INTEGRITY_INTERVAL_MS", 6 * 60 * 60_000)
        .put("KLIP_PURGE_INTERVAL_MS", 24 * 60 * 60_000)
        .put("KLIP_CAPTURE_CHUNK_MAX_BYTES", 192 * 1024)
        .put("KLIP_CAPTURE_MAX_BYTES", 64L * 1024 * 1024)
        .put("KLIP_PLAYBACK_GRANT_IDLE_MS", 10 * 60_000)
        .put("KLIP_PLAYBACK_GRANT_MAX_MS", 4 * 60 * 60_000)
        .put("KLIP_WRAPUP_SECONDS", 15)
        // After-call work: the agent is paused in the queues until the ticket is finished, at most this long
        // (0: no limit).
        .put("KLIP_ACW_PAUSE", "true")
        .put("KLIP_ACW_MAX_SECONDS", 300)
        .put("KLIP_SERVICE_LEVEL_SECONDS", 20)
        .put("KLIP_OUTBOX_PUBLISH", "true")
        .put("KLIP_OUTBOX_POLL_MS", 2000)
        .put("KLIP_DIRECTORATE_CHANNEL", "demo")
        .put("KLIP_DIRECTORATE_WEBHOOK_URL", "")
        .put("KLIP_DIRECTORATE_WEBHOOK_ATTEMPTS", 5)
        .put("KLIP_DIRECTORATE_WEBHOOK_BACKOFF_MS", 1000)
        .put("KLIP_WORKDAY_START", "08:00")
        .put("KLIP_WORKDAY_END", "17:00")
        .put("KLIP_DEADLINE_WARNING_MIN", 120)
        .put("KLIP_DEADLINE_CHECK_MS", 30000)
        .put("KLIP_TL_REPLY_TIMEOUT_MIN", 5)
        // Several nodes (klip.cluster): empty members means one node alone, no cluster manager started.
        .put("KLIP_CLUSTER_MEMBERS", "")
        .put("KLIP_CLUSTER_HOST", "127.0.0.1")
        .put("KLIP_CLUSTER_PORT", 5701)
        .put("KLIP_CLUSTER_BUS_PORT", 0)
        .put("KLIP_CLUSTER_NAME", "klip")
        .put("KLIP_ROSTER", DemoRoster.agents());
  }

  /** The demo floor: two agents on the capture queue's interfaces, a team leader and colleagues. */
  static final class DemoRoster {
    private DemoRoster() {
    }

    static JsonArray agents() {
      return new JsonArray()
          .add(user("agent1", "Agent One", "agent", "Local/agent1@agents/n", "tim-a"))
          .add(user("agent2", "Agent Two", "agent", "Local/agent2@agents/n", "tim-a"))
          .add(user("tl1", "Team Leader Satu", "team_leader", "PJSIP/2001", "tim-a"))
          .add(user("eskalasi1", "Agen Eskalasi Satu", "escalation_agent", null, "eskalasi"))
          .add(user("qa1", "Quality Assessor Satu", "quality_assessor", null, "qa"))
          .add(user("editor1", "Editor SIKP Satu", "sikp_editor", null, "qa"))
          .add(user("admin", "Administrator", "admin", null, "admin"));
    }

    private static JsonObject user(String username, String name, String role, String phone, String team) {
      return new JsonObject().put("username", username).put("displayName", name).put("role", role)
          .put("interface", phone).put("team", team).put("password", "klip-" + username);
    }
  }
}
