package klip.config;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.List;

/**
 * The typed configuration, parsed once from {@link Settings} and handed to each capability through its
 * constructor. Tests build their own with {@link Settings#of(JsonObject)}.
 */
public record AppConfig(
    int httpPort,
    String httpHost,
    Path dataDir,
    Path recordingsDir,
    Database database,
    Ami ami,
    boolean demo,
    long popAckTimeoutMs,
    List<RosterEntry> roster,
    Settings settings) {

  /** Where PostgreSQL is: {@code url == null} means the embedded server in the data directory. */
  public record Database(String url, String user, String password, int poolSize) {
    public boolean embedded() {
      return url == null;
    }

    /** Whatever logs this record never prints the password. */
    @Override
    public String toString() {
      return "Database[url=" + url + ", user=" + user + ", password=***, poolSize=" + poolSize + "]";
    }
  }

  /** The AMI peer: {@code host == null} means the in-process simulated PBX. */
  public record Ami(String host, int port, String username, String secret, long reconnectMaxMs, int simulatorPort,
                    double simulatorTimeScale) {
    public boolean simulated() {
      return host == null;
    }

    /** Whatever logs this record never prints the AMI secret. */
    @Override
    public String toString() {
      return "Ami[host=" + host + ", port=" + port + ", username=" + username + ", secret=***]";
    }
  }

  /** A person on the floor and, for agents and team leaders, the phone interface the queue rings. */
  public record RosterEntry(String username, String displayName, String role, String phoneInterface, String team,
                            String password) {
  }

  public static AppConfig from(Settings s) {
    String dbUrl = blankToNull(s.string("KLIP_DB_URL"));
    String amiHost = blankToNull(s.string("KLIP_AMI_HOST"));
    // Demo mode only when asked for: a server that forgot its AMI host must not come up with published passwords.
    boolean demo = s.bool("KLIP_DEMO");
    return new AppConfig(
        s.integer("KLIP_HTTP_PORT"),
        s.string("KLIP_HTTP_HOST", "0.0.0.0"),
        Path.of(s.string("KLIP_DATA_DIR", "./data")).toAbsolutePath().normalize(),
        Path.of(s.string("KLIP_RECORDINGS_DIR", "./recordings")).toAbsolutePath().normalize(),
        new Database(dbUrl, s.string("KLIP_DB_USER", "klip"), s.string("KLIP_DB_PASSWORD", ""),
            s.integer("KLIP_DB_POOL_SIZE")),
        new Ami(amiHost, s.integer("KLIP_AMI_PORT"), s.string("KLIP_AMI_USERNAME", "klip"),
            s.string("KLIP_AMI_SECRET", ""), s.longValue("KLIP_AMI_RECONNECT_MAX_MS"), s.integer("KLIP_SIM_PORT"),
            Double.parseDouble(s.string("KLIP_SIM_TIME_SCALE", "1.0"))),
        demo,
        s.longValue("KLIP_POP_ACK_TIMEOUT_MS"),
        s.array("KLIP_ROSTER").stream().map(o -> rosterEntry((JsonObject) o)).toList(),
        s);
  }

  private static RosterEntry rosterEntry(JsonObject o) {
    String username = o.getString("username");
    if (username == null || username.isBlank()) {
      throw new IllegalStateException("Every KLIP_ROSTER entry needs a username: " + o.encode());
    }
    return new RosterEntry(username, o.getString("displayName", username), o.getString("role", "agent"),
        blankToNull(o.getString("interface")), o.getString("team", "default"), blankToNull(o.getString("password")));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** A copy with a different AMI peer: tests and the demo point the server at a simulator's actual port. */
  public AppConfig withAmi(Ami newAmi) {
    return new AppConfig(httpPort, httpHost, dataDir, recordingsDir, database, newAmi, demo, popAckTimeoutMs, roster,
        settings);
  }
}
