package klip.asterisk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A private configuration folder for one real Asterisk run, made from the project's own {@code asterisk-config/}:
 * the shipped dialplan, queue, recording and manager files with only what a test machine must change replaced.
 * No PJSIP here, so the phones are Local channels: the queue's members ring {@code [agents]}, whose agents answer
 * (or not, as the test sets {@code AGENTn_MODE}), the team leaders' phones are {@code Local/tlN@phones}, and
 * callbacks reach a {@code [callback]} where the taxpayer answers and hangs up after two seconds. Everything else is the shipped file.
 */
final class AsteriskOverlay {

  static final String AMI_USER = "klip";
  static final String AMI_SECRET = "klip-it-secret";
  /** The test's own AMI user: places calls, pauses agents, cuts channels; sees every event. */
  static final String CONTROLLER_USER = "controller";
  static final String CONTROLLER_SECRET = "controller-it-secret";

  private static final List<String> MODULES = List.of("pbx_config", "app_queue", "app_mixmonitor", "app_chanspy",
      "app_senddtmf", "app_dial", "app_milliwatt", "app_playtones", "app_echo", "app_originate", "res_timing_timerfd",
      "bridge_simple", "bridge_softmix", "bridge_holding", "bridge_builtin_features", "format_wav", "format_pcm",
      "format_sln", "codec_ulaw", "codec_alaw", "func_callerid", "func_channel", "func_strings", "func_logic",
      "func_uuid", "res_musiconhold");

  private AsteriskOverlay() {
  }

  /** Where cel_pgsql writes: the server's database. */
  record CelDatabase(String host, int port, String database, String user, String password) {
  }

  /**
   * Writes the folder; returns the path of its asterisk.conf. The queue has {@code agents} Local members,
   * agent1 to agentN (two in the captured set-up).
   */
  static Path write(Path shipped, Path dir, Path modules, Path data, int amiPort, Path monitorDir, CelDatabase cel,
                    int agents) throws IOException {
    for (String sub : List.of("var/lib", "var/spool", "var/run", "var/log")) {
      Files.createDirectories(dir.resolve(sub));
    }
    Files.createDirectories(monitorDir);
    Path asteriskConf = dir.resolve("asterisk.conf");
    // Only modules and data (XML documentation, which Stasis needs to start) are the installation's.
    // No "(!)" after [directories]: that would make the section a template, which Asterisk ignores.
    Files.writeString(asteriskConf, """
        [directories]
        astetcdir => %1$s
        astmoddir => %2$s
        astvarlibdir => %1$s/var/lib
        astdbdir => %1$s/var/lib
        astkeydir => %1$s/var/lib
        astdatadir => %3$s
        astagidir => %1$s/var/lib/agi-bin
        astspooldir => %1$s/var/spool
        astrundir => %1$s/var/run
        astlogdir => %1$s/var/log
        [options]
        """.formatted(dir, modules, data));
    StringBuilder load = new StringBuilder("[modules]\nautoload = no\n");
    MODULES.forEach(m -> load.append("load = ").append(m).append(".so\n"));
    if (cel != null) {
      // The shipped CEL configuration, writing into the server's database.
      load.append("load = cel_pgsql.so\n");
      Files.copy(shipped.resolve("cel.conf"), dir.resolve("cel.conf"));
      String pgsql = Files.readString(shipped.resolve("cel_pgsql.conf"));
      pgsql = replaceLine(pgsql, "hostname = ", "hostname = " + cel.host());
      pgsql = replaceLine(pgsql, "port = ", "port = " + cel.port());
      pgsql = replaceLine(pgsql, "dbname = ", "dbname = " + cel.database());
      pgsql = replaceLine(pgsql, "user = ", "user = " + cel.user());
      pgsql = replaceLine(pgsql, "password = ", "password = " + cel.password());
      Files.writeString(dir.resolve("cel_pgsql.conf"), pgsql);
    }
    Files.writeString(dir.resolve("modules.conf"), load);
    Files.writeString(dir.resolve("logger.conf"), "[logfiles]\nmessages => notice,warning,error\n");
    Files.writeString(dir.resolve("manager.conf"), manager(Files.readString(shipped.resolve("manager.conf")), amiPort));
    Files.writeString(dir.resolve("queues.conf"), queues(Files.readString(shipped.resolve("queues.conf")),
        agents));
    Files.writeString(dir.resolve("extensions.conf"),
        extensions(Files.readString(shipped.resolve("extensions.conf")), monitorDir, agents));
    Files.copy(shipped.resolve("extensions-recording.conf"), dir.resolve("extensions-recording.conf"));
    Files.writeString(dir.resolve("musiconhold.conf"), musicOnHold(Files.readString(shipped.resolve(
        "musiconhold.conf")), dir.resolve("moh")));
    return asteriskConf;
  }

  /** The shipped manager.conf (its read/write classes and event filters) on a free local port, plus the controller. */
  static String manager(String shipped, int port) {
    String conf = replaceLine(shipped, "port = ", "port = " + port);
    conf = replaceLine(conf, "bindaddr = ", "bindaddr = 127.0.0.1");
    conf = replaceLine(conf, "secret = ", "secret = " + AMI_SECRET);
    conf = Pattern.compile("(?m)^permit = .*\\n").matcher(conf).replaceAll("");
    conf = conf.replace("deny = 0.0.0.0/0.0.0.0\n", "deny = 0.0.0.0/0.0.0.0\npermit = 127.0.0.1/255.255.255.255\n");
    return conf + """

        [%s]
        secret = %s
        deny = 0.0.0.0/0.0.0.0
        permit = 127.0.0.1/255.255.255.255
        read = all
        write = all
        """.formatted(CONTROLLER_USER, CONTROLLER_SECRET);
  }

  /** The shipped queue with its PJSIP members replaced by Local agents (Agent One and Agent Two, then Agent 3...). */
  static String queues(String shipped, int agents) {
    StringBuilder conf = new StringBuilder(Pattern.compile("(?m)^member => .*\\n").matcher(shipped).replaceAll(""));
    for (int n = 1; n <= agents; n++) {
      String name = n == 1 ? "Agent One" : n == 2 ? "Agent Two" : "Agent " + n;
      conf.append("member => Local/agent%1$d@agents/n,0,%2$s,Local/agent%1$d@agents\n".formatted(n, name));
    }
    return conf.toString();
  }

  /**
   * The shipped dialplan ([from-pstn] with its recording, the keypad contexts) with the recordings folder moved
   * into the run's folder and the phone-facing contexts replaced: Local agents answer after a second's ring with
   * a tone (after AGENTn_RING seconds, when set), or never when their mode is "noanswer"; a device state exists
   * only for an exact extension.
   */
  static String extensions(String shipped, Path monitorDir, int agents) {
    String conf = replaceLine(shipped, "MONITOR_DIR = ", "MONITOR_DIR = " + monitorDir);
    conf = dropSection(dropSection(conf, "agents"), "callback");
    StringBuilder test = new StringBuilder("\n[agents]\n");
    for (int n = 1; n <= agents; n++) {
      test.append("""
          exten => agent%1$d,1,GotoIf($["${AGENT%1$d_MODE}" = "noanswer"]?never)
           same => n,Wait(${IF($["${AGENT%1$d_RING}" = ""]?1:${AGENT%1$d_RING})})
           same => n,Answer()
           same => n,Milliwatt()
           same => n(never),Wait(600)
          """.formatted(n));
    }
    test.append("""

        [phones]
        exten => tl1,1,Answer()
         same => n,Wait(600)

        [callback]
        exten => _X.,1,Answer()
         same => n,Wait(2)
         same => n,Hangup()
        exten => _+X.,1,Answer()
         same => n,Wait(2)
         same => n,Hangup()
        """);
    return conf + test;
  }

  /**
   * The shipped music-on-hold classes played from the run's own folder, holding one generated tone (a test install
   * has no sound packages): a held caller hears it, and Asterisk reports MusicOnHoldStart.
   */
  static String musicOnHold(String shipped, Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.write(folder.resolve("tone.wav"), toneWav(440, 8000, 2));
    return replaceLine(shipped, "directory = ", "directory = " + folder);
  }

  /** A mono 16-bit PCM WAV of a sine tone. */
  private static byte[] toneWav(int hz, int rate, int seconds) {
    int samples = rate * seconds;
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + samples * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
        .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2)
        .putShort((short) 16).put("data".getBytes()).putInt(samples * 2);
    for (int i = 0; i < samples; i++) {
      b.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / rate)));
    }
    return b.array();
  }

  private static String replaceLine(String conf, String prefix, String line) {
    return Pattern.compile("(?m)^" + Pattern.quote(prefix) + ".*$").matcher(conf)
        .replaceAll(java.util.regex.Matcher.quoteReplacement(line));
  }

  private static String dropSection(String conf, String name) {
    List<String> kept = new ArrayList<>();
    boolean skipping = false;
    for (String line : conf.split("\n", -1)) {
      if (line.startsWith("[")) {
        skipping = line.startsWith("[" + name + "]");
      }
      if (!skipping) {
        kept.add(line);
      }
    }
    return String.join("\n", kept);
  }
}
