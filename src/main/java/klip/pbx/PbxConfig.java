package klip.pbx;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Settings of the simulated PBX. {@code timeScale} multiplies every scenario wait: 1.0 is real time,
 * {@link #FAST} turns seconds into milliseconds for tests and benchmarks.
 */
public record PbxConfig(int port, String username, String secret, Path recordingsDir,
    Function<String, String> recordingPath, double timeScale, Map<String, List<Member>> queues) {

  public static final double FAST = 0.001;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

  /** A static queue member, e.g. {@code Local/agent1@agents/n} "Agent One". */
  public record Member(String iface, String name) {
  }

  /** The captured set-up: queue eapp with Agent One and Agent Two, user klip, real time. */
  public static PbxConfig defaults() {
    Map<String, List<Member>> queues = new LinkedHashMap<>();
    queues.put("eapp", List.of(new Member("Local/agent1@agents/n", "Agent One"),
        new Member("Local/agent2@agents/n", "Agent Two")));
    Path dir = Path.of("recordings");
    return new PbxConfig(0, "klip", "klip-secret", dir, datedPath(dir), 1.0, queues);
  }

  /** {@code <dir>/yyyy/MM/dd/<uniqueid>.wav}, the layout the call handler reads recordings from. */
  public static Function<String, String> datedPath(Path dir) {
    return uniqueid -> dir.resolve(LocalDate.now().format(DAY)).resolve(uniqueid + ".wav").toAbsolutePath().toString();
  }

  public PbxConfig withPort(int p) {
    return new PbxConfig(p, username, secret, recordingsDir, recordingPath, timeScale, queues);
  }

  public PbxConfig withCredentials(String user, String pass) {
    return new PbxConfig(port, user, pass, recordingsDir, recordingPath, timeScale, queues);
  }

  /** Also resets the path function to the dated layout under the new directory. */
  public PbxConfig withRecordingsDir(Path dir) {
    return new PbxConfig(port, username, secret, dir, datedPath(dir), timeScale, queues);
  }

  public PbxConfig withRecordingPath(Function<String, String> pathOfUniqueid) {
    return new PbxConfig(port, username, secret, recordingsDir, pathOfUniqueid, timeScale, queues);
  }

  public PbxConfig withTimeScale(double scale) {
    return new PbxConfig(port, username, secret, recordingsDir, recordingPath, scale, queues);
  }

  public PbxConfig fast() {
    return withTimeScale(FAST);
  }

  public PbxConfig withQueue(String queue, List<Member> members) {
    Map<String, List<Member>> q = new LinkedHashMap<>(queues);
    q.put(queue, List.copyOf(members));
    return new PbxConfig(port, username, secret, recordingsDir, recordingPath, timeScale, q);
  }
}
