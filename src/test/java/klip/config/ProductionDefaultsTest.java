package klip.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Demo mode only when asked for; a production start refuses everything the demo publishes. */
class ProductionDefaultsTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("Without KLIP_DEMO the server is in production mode, even with no AMI host")
  void productionUnlessAsked() {
    assertThat(AppConfig.from(Settings.of(new JsonObject())).demo()).isFalse();
    AppConfig demo = AppConfig.from(Settings.of(new JsonObject().put("KLIP_DEMO", "true")));
    assertThat(demo.demo()).isTrue();
    assertThat(ProductionSafety.refusals(demo)).isEmpty();
  }

  @Test
  @DisplayName("Production refuses a demo admin password, the demo directorate inbox and the demo AMI secret")
  void refusesDemoSettings() {
    AppConfig config = AppConfig.from(Settings.of(new JsonObject().put("KLIP_ADMIN_PASSWORD", "klip-admin")));
    assertThat(ProductionSafety.refusals(config)).hasSize(3)
        .anySatisfy(line -> assertThat(line).startsWith("KLIP_ADMIN_PASSWORD"))
        .anySatisfy(line -> assertThat(line).startsWith("KLIP_DIRECTORATE_CHANNEL=demo"))
        .anySatisfy(line -> assertThat(line).startsWith("KLIP_AMI_SECRET"));

    AppConfig fixed = AppConfig.from(Settings.of(new JsonObject().put("KLIP_ADMIN_PASSWORD", "a-real-long-secret")
        .put("KLIP_DIRECTORATE_CHANNEL", "webhook").put("KLIP_DIRECTORATE_WEBHOOK_URL", "https://tip.example/in")
        .put("KLIP_AMI_SECRET", "pbx-secret")));
    assertThat(ProductionSafety.refusals(fixed)).isEmpty();
  }

  @Test
  @DisplayName("java -jar without KLIP_DEMO and with demo settings exits non-zero, one line per refusal, no database")
  void mainExitsNonZero() throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "klip.server.Main")
        .directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(key -> key.startsWith("KLIP_"));
    builder.environment().put("KLIP_DATA_DIR", dir.resolve("data").toString());
    builder.environment().put("KLIP_HTTP_PORT", "0");
    builder.environment().put("KLIP_ADMIN_PASSWORD", "klip-admin");
    Process main = builder.start();
    String output = new String(main.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(main.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(main.exitValue()).as(output).isNotZero();
    assertThat(output.lines().filter(l -> l.contains("refuses to start in production mode"))).hasSize(3);
    assertThat(dir.resolve("data").resolve("postgres")).doesNotExist();
  }
}
