package klip.recordings;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.pbx.CallScenario;
import klip.pbx.RingHandle;
import klip.support.BusRecorder;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls through the simulated PBX end to end: MixMonitor file → row → Range streaming, integrity, alerts. */
class RecordingsTest {

  private static TestServer ts;
  private static HttpSession qa;
  private static BusRecorder linked;

  @BeforeAll
  static void start() {
    ts = TestServer.start(new JsonObject().put("KLIP_RECORDING_GRACE_MS", 1500));
    qa = ts.login("qa1");
    linked = new BusRecorder(ts.vertx, Addresses.RECORDING_LINKED);
  }

  @AfterAll
  static void stop() {
    linked.close();
    ts.close();
  }

  private static String answeredCall(int talkSeconds) throws Exception {
    return ts.pbx().play(CallScenario.builder("081234567890", "Budi Santoso")
            .ring("Local/agent1@agents/n", "Agent One", CallScenario.Outcome.ANSWER)
            .talkDuration(Duration.ofSeconds(talkSeconds)).build())
        .await(30, TimeUnit.SECONDS);
  }

  /**
   * The call's audio row once it is settled: a present one is announced on {@code recordings.linked} (awaited
   * here); a missing one raises an alert, which the test awaits before asking.
   */
  private static Row recordingOf(String callId, String status) throws InterruptedException {
    if ("present".equals(status)) {
      linked.awaitMatching(m -> callId.equals(m.getString("callId")), 60_000);
    }
    var rows = ts.server.pool().preparedQuery(
            "SELECT id, ticket_id, rel_path, format, size_bytes, duration_ms, sha256, status, peaks FROM recordings "
                + "WHERE call_id = $1 AND kind = 'call_audio'")
        .execute(Tuple.of(callId)).await();
    assertThat(rows.iterator().hasNext()).as("a recording row for " + callId).isTrue();
    Row row = rows.iterator().next();
    assertThat(row.getString("status")).isEqualTo(status);
    return row;
  }

  private static HttpResponse<Buffer> get(HttpSession who, String path, String range) throws Exception {
    var client = WebClient.create(ts.vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(ts.port()));
    var req = client.get(path).putHeader("Cookie", who.cookie());
    if (range != null) {
      req.putHeader("Range", range);
    }
    return req.send().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("An answered call's WAV is linked to its ticket with size, duration, format, SHA-256 and peaks")
  void linksValidWav() throws Exception {
    String callId = answeredCall(3);
    Row r = recordingOf(callId, "present");
    Path file = ts.dataDir.resolve("recordings").resolve(r.getString("rel_path"));
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new String(bytes, 0, 4)).isEqualTo("RIFF");
    assertThat(new String(bytes, 8, 4)).isEqualTo("WAVE");
    assertThat(b.getInt(4)).isEqualTo(bytes.length - 8);
    assertThat(r.getString("rel_path")).matches("\\d{4}/\\d{2}/\\d{2}/\\d+\\.\\d+\\.wav");
    assertThat(r.getLong("size_bytes")).isEqualTo(44 + 3 * 8000 * 2);
    assertThat(r.getLong("duration_ms")).isEqualTo(3000);
    assertThat(r.getString("format")).isEqualTo("wav/pcm_s16le/8000/1");
    assertThat(r.getString("sha256")).isEqualTo(FileAnalyser.sha256Of(bytes));
    assertThat(r.getJsonArray("peaks")).hasSize(FileAnalyser.PEAKS);
    assertThat(r.getJsonArray("peaks").stream().mapToInt(x -> (Integer) x).max().orElse(0)).isGreaterThan(20);
    JsonObject ticket = qa.get("/api/tickets/" + r.getLong("ticket_id")).bodyAsJsonObject();
    assertThat(ticket.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("kind")))
        .contains("recording_linked");
  }

  @Test
  @DisplayName("Range requests: closed, open-ended and suffix ranges are 206, past the end is 416, each audited")
  void rangeRequests() throws Exception {
    Row r = recordingOf(answeredCall(2), "present");
    long size = r.getLong("size_bytes");
    String audio = "/api/recordings/" + r.getLong("id") + "/audio";

    HttpResponse<Buffer> whole = get(qa, audio, null);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.getHeader("Accept-Ranges")).isEqualTo("bytes");
    assertThat(whole.body().length()).isEqualTo(size);

    HttpResponse<Buffer> head = get(qa, audio, "bytes=0-43");
    assertThat(head.statusCode()).isEqualTo(206);
    assertThat(head.getHeader("Content-Range")).isEqualTo("bytes 0-43/" + size);
    assertThat(head.body().getString(0, 4)).isEqualTo("RIFF");

    HttpResponse<Buffer> open = get(qa, audio, "bytes=1000-");
    assertThat(open.statusCode()).isEqualTo(206);
    assertThat(open.getHeader("Content-Range")).isEqualTo("bytes 1000-" + (size - 1) + "/" + size);
    assertThat(open.body().length()).isEqualTo(size - 1000);
    assertThat(open.body().getBytes()).isEqualTo(whole.body().getBuffer(1000, (int) size).getBytes());

    HttpResponse<Buffer> suffix = get(qa, audio, "bytes=-500");
    assertThat(suffix.statusCode()).isEqualTo(206);
    assertThat(suffix.getHeader("Content-Range")).isEqualTo("bytes " + (size - 500) + "-" + (size - 1) + "/" + size);
    assertThat(suffix.body().length()).isEqualTo(500);

    HttpResponse<Buffer> past = get(qa, audio, "bytes=" + size + "-");
    assertThat(past.statusCode()).isEqualTo(416);
    assertThat(past.getHeader("Content-Range")).isEqualTo("bytes */" + size);

    assertThat(get(ts.login("agent2"), audio, null).statusCode()).isEqualTo(403);
    assertThat(get(ts.login("agent1"), audio, "bytes=0-1").statusCode()).isEqualTo(206);

    JsonArray log = qa.get("/api/recordings/" + r.getLong("id") + "/audit").bodyAsJsonArray();
    assertThat(log.stream().filter(e -> ((JsonObject) e).getString("action").equals("play"))).hasSize(5);
    assertThat(log.getJsonObject(0).getString("username")).isEqualTo("agent1");
    // The hash-chained audit log gets every successful playback too (SecuredRouter, after the answer).
    String target = "/api/recordings/" + r.getLong("id") + "/audio";
    // Polled: the router's audit append is a bus request to the audit verticle; nothing is published after it.
    Eventually.until("chained playback entries", 30_000, () -> qa.get("/api/audit?action=recordings&limit=500")
        .bodyAsJsonArray().stream().map(e -> (JsonObject) e).filter(e -> target.equals(e.getString("target")))
        .map(e -> e.getString("actor")).sorted().toList(), actors -> actors.size() == 5 && actors.contains("agent1"));
  }

  private static JsonObject openPlayback(HttpSession who, long recordingId) {
    return openPlayback(who, recordingId, 201);
  }

  private static JsonObject openPlayback(HttpSession who, long recordingId, int status) {
    HttpResponse<Buffer> r = who.post("/api/recordings/" + recordingId + "/playbacks", null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  private static long count(String sql, Object... params) {
    return ts.server.pool().preparedQuery(sql).execute(Tuple.from(params)).await().iterator().next().getLong(0);
  }

  @Test
  @DisplayName("A playback is audited once when opened; its Range requests ride on the grant, no row each")
  void playbackAuditedOnce() throws Exception {
    Row r = recordingOf(answeredCall(2), "present");
    long id = r.getLong("id");
    long size = r.getLong("size_bytes");
    HttpSession assessor = ts.login("qa1");
    JsonObject playback = openPlayback(assessor, id);
    assertThat(playback.getLong("sizeBytes")).isEqualTo(size);
    String audio = playback.getString("audio");

    HttpResponse<Buffer> whole = get(assessor, audio, null);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body().length()).isEqualTo(size);
    for (int i = 0; i < 60; i++) {
      long from = 44 + (i * 997L) % (size - 100);
      HttpResponse<Buffer> seek = get(assessor, audio, "bytes=" + from + "-" + (from + 63));
      assertThat(seek.statusCode()).isEqualTo(206);
      assertThat(seek.getHeader("Content-Range")).isEqualTo("bytes " + from + "-" + (from + 63) + "/" + size);
      assertThat(seek.body().getBytes()).isEqualTo(whole.body().getBuffer((int) from, (int) from + 64).getBytes());
    }
    // A seek answered ahead of the router carries the headers every answer carries.
    HttpResponse<Buffer> seek = get(assessor, audio, "bytes=44-45");
    assertThat(seek.getHeader("Content-Security-Policy")).contains("default-src 'self'");
    assertThat(seek.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(seek.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(seek.getHeader("Cache-Control")).isEqualTo("private, no-store");
    assertThat(seek.getHeader("Content-Type")).isEqualTo("audio/wav");
    assertThat(seek.getHeader("Content-Length")).isEqualTo("2");
    assertThat(get(assessor, audio, "bytes=" + size + "-").statusCode()).isEqualTo(416);

    assertThat(count("SELECT count(*) FROM playback_audit WHERE recording_id = $1", id)).isEqualTo(1);
    JsonObject row = assessor.get("/api/recordings/" + id + "/audit").bodyAsJsonArray().getJsonObject(0);
    assertThat(row.getString("username")).isEqualTo("qa1");
    assertThat(row.getString("action")).isEqualTo("play");
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'recording.play' AND target = $1",
        "recording:" + id)).isEqualTo(1);

    // A second opening is a second playback: one more row, whatever its requests.
    String again = openPlayback(assessor, id).getString("audio");
    assertThat(get(assessor, again, "bytes=0-43").statusCode()).isEqualTo(206);
    assertThat(count("SELECT count(*) FROM playback_audit WHERE recording_id = $1", id)).isEqualTo(2);

    // A download is audited per request, as before: its entry is the only generic one for this audio.
    assertThat(get(assessor, "/api/recordings/" + id + "/audio?download=1", null).statusCode()).isEqualTo(200);
    assertThat(count("SELECT count(*) FROM playback_audit WHERE recording_id = $1 AND action = 'download'", id))
        .isEqualTo(1);
    String target = "/api/recordings/" + id + "/audio";
    Eventually.until("the download's chained entry", 10_000,
        () -> count("SELECT count(*) FROM audit_log WHERE target = $1", target), n -> n >= 1);
    assertThat(count("SELECT count(*) FROM audit_log WHERE target = $1", target)).isEqualTo(1);
  }

  @Test
  @DisplayName("A grant does not work for another user, another session, another recording, or without one")
  void grantIsBound() throws Exception {
    long first = recordingOf(answeredCall(1), "present").getLong("id");
    long second = recordingOf(answeredCall(1), "present").getLong("id");
    HttpSession assessor = ts.login("qa1");
    JsonObject playback = openPlayback(assessor, first);
    String grant = playback.getString("grant");
    assertThat(get(assessor, playback.getString("audio"), "bytes=0-1").statusCode()).isEqualTo(206);

    assertThat(get(ts.login("admin"), playback.getString("audio"), "bytes=0-1").statusCode()).isEqualTo(403);
    assertThat(get(ts.login("qa1"), playback.getString("audio"), "bytes=0-1").statusCode()).isEqualTo(403);
    assertThat(get(assessor, "/api/recordings/" + second + "/audio?grant=" + grant, "bytes=0-1").statusCode())
        .isEqualTo(403);
    assertThat(get(assessor, "/api/recordings/" + first + "/audio?grant=forged", "bytes=0-1").statusCode())
        .isEqualTo(403);
    assertThat(get(HttpSession.anonymous(ts.vertx, ts.port()), playback.getString("audio"), "bytes=0-1")
        .statusCode()).isEqualTo(401);
    // Someone who may not hear the recording cannot open a playback of it.
    assertThat(ts.login("agent2").post("/api/recordings/" + first + "/playbacks", null).statusCode()).isEqualTo(403);
    assertThat(assessor.post("/api/recordings/999999/playbacks", null).statusCode()).isEqualTo(404);
    // Refused requests wrote nothing: the one opening is the one row.
    assertThat(count("SELECT count(*) FROM playback_audit WHERE recording_id = $1", first)).isEqualTo(1);
  }

  @Test
  @DisplayName("A grant ends with its user: once an administrator deactivates the assessor, its Range requests are "
      + "refused")
  void grantEndsWithUser() throws Exception {
    long id = recordingOf(answeredCall(1), "present").getLong("id");
    HttpSession admin = ts.login("admin");
    HttpResponse<Buffer> created = admin.post("/api/admin/users", new JsonObject().put("username", "penilai9")
        .put("displayName", "Penilai Sembilan").put("role", "quality_assessor").put("team", "qa")
        .put("password", "penilai9-password-123"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(200);
    HttpSession assessor = HttpSession.login(ts.vertx, ts.port(), "penilai9", "penilai9-password-123");
    String audio = openPlayback(assessor, id).getString("audio");
    assertThat(get(assessor, audio, "bytes=0-1").statusCode()).isEqualTo(206);

    assertThat(admin.put("/api/admin/users/penilai9", new JsonObject().put("active", false)).statusCode())
        .isEqualTo(200);
    assertThat(get(assessor, audio, "bytes=0-1").statusCode()).isEqualTo(401);
    assertThat(count("SELECT count(*) FROM playback_audit WHERE recording_id = $1", id)).isEqualTo(1);
  }

  @Test
  @DisplayName("A grant ends with its session: after sign-out its Range requests are refused, and no row is written")
  void grantEndsWithSession() throws Exception {
    long id = recordingOf(answeredCall(1), "present").getLong("id");
    HttpSession assessor = ts.login("qa1");
    String audio = openPlayback(assessor, id).getString("audio");
    assertThat(get(assessor, audio, "bytes=0-1").statusCode()).isEqualTo(206);
    assertThat(assessor.post("/api/logout", null).statusCode()).isEqualTo(200);

    assertThat(get(assessor, audio, "bytes=0-1").statusCode()).isEqualTo(401);
    assertThat(get(assessor, audio, null).statusCode()).isEqualTo(401);
    assertThat(count("SELECT count(*) FROM playback_audit WHERE recording_id = $1", id)).isEqualTo(1);
  }

  @Test
  @DisplayName("A file changed after linking fails verification: corrupt row, alert, metric; never re-hashed")
  void shaMismatch() throws Exception {
    Row r = recordingOf(answeredCall(1), "present");
    String id = String.valueOf(r.getLong("id"));
    assertThat(qa.post("/api/recordings/" + id + "/verify", null).bodyAsJsonObject().getString("status"))
        .isEqualTo("ok");
    Path file = ts.dataDir.resolve("recordings").resolve(r.getString("rel_path"));
    byte[] bytes = Files.readAllBytes(file);
    bytes[100] ^= 0x55;
    Files.write(file, bytes);

    JsonObject result = qa.post("/api/recordings/" + id + "/verify", null).bodyAsJsonObject();
    assertThat(result.getString("status")).isEqualTo("sha256_mismatch");
    assertThat(result.getString("expected")).isEqualTo(r.getString("sha256"));
    assertThat(result.getString("actual")).isEqualTo(FileAnalyser.sha256Of(bytes));
    JsonObject row = qa.get("/api/recordings/" + id).bodyAsJsonObject();
    assertThat(row.getString("status")).isEqualTo("corrupt");
    assertThat(row.getString("sha256")).isEqualTo(r.getString("sha256"));
    assertThat(qa.get("/api/recording-alerts").bodyAsJsonArray().stream()
        .anyMatch(a -> ((JsonObject) a).getString("kind").equals("sha256_mismatch")
            && id.equals(String.valueOf(((JsonObject) a).getLong("recordingId"))))).isTrue();
    assertThat(HttpSession.anonymous(ts.vertx, ts.port()).get("/metrics").bodyAsString())
        .containsPattern("klip_recordings_integrity_failures_total [1-9]");
    assertThat(get(qa, "/api/recordings/" + id + "/audio", null).statusCode()).isEqualTo(410);
  }

  @Test
  @DisplayName("The retention purge removes files past the retention period, keeps the row as purged")
  void retentionPurge() throws Exception {
    Row r = recordingOf(answeredCall(1), "present");
    Path file = ts.dataDir.resolve("recordings").resolve(r.getString("rel_path"));
    ts.server.pool().preparedQuery("UPDATE recordings SET created_at = now() - interval '731 days' WHERE id = $1")
        .execute(Tuple.of(r.getLong("id"))).await();
    JsonObject purged = ts.login("admin").post("/api/recordings/purge", null).bodyAsJsonObject();
    assertThat(purged.getInteger("purged")).isGreaterThanOrEqualTo(1);
    assertThat(Files.exists(file)).isFalse();
    JsonObject row = qa.get("/api/recordings/" + r.getLong("id")).bodyAsJsonObject();
    assertThat(row.getString("status")).isEqualTo("purged");
    assertThat(row.getString("statusDetail")).contains("730 days");
    assertThat(get(qa, "/api/recordings/" + r.getLong("id") + "/audio", null).statusCode()).isEqualTo(410);
  }

  @Test
  @DisplayName("A purge ends the open playbacks of what it removes: their seeks are refused, though the grant was "
      + "still young")
  void purgeEndsOpenPlayback() throws Exception {
    Row r = recordingOf(answeredCall(1), "present");
    long id = r.getLong("id");
    String audio = openPlayback(qa, id).getString("audio");
    assertThat(get(qa, audio, "bytes=0-1").statusCode()).isEqualTo(206);
    ts.server.pool().preparedQuery("UPDATE recordings SET created_at = now() - interval '731 days' WHERE id = $1")
        .execute(Tuple.of(id)).await();
    assertThat(ts.login("admin").post("/api/recordings/purge", null).bodyAsJsonObject().getInteger("purged"))
        .isGreaterThanOrEqualTo(1);

    HttpResponse<Buffer> seek = get(qa, audio, "bytes=0-1");
    assertThat(seek.statusCode()).isEqualTo(403);
    assertThat(seek.bodyAsString()).contains("kedaluwarsa");
    assertThat(openPlayback(qa, id, 410)).isNotNull();
  }

  @Test
  @DisplayName("A call that rang but was never answered leaves no header-only WAV: the 44-byte file MixMonitor "
      + "wrote is removed (and counted), and no recording row appears")
  void emptyRecordingOfUnansweredCallRemoved() throws Exception {
    String callId = ts.pbx().play(CallScenario.builder("081277770000", "Tono")
        .ring("Local/agent1@agents/n", "Agent One", CallScenario.Outcome.CALLER_HANGUP).build())
        .await(30, TimeUnit.SECONDS);
    Eventually.until("the empty recording removed", 15_000, () -> HttpSession.anonymous(ts.vertx, ts.port())
        .get("/metrics").bodyAsString(), m -> m.contains("klip_recordings_empty_removed_total ")
        && !m.contains("klip_recordings_empty_removed_total 0"));
    try (var files = Files.walk(ts.dataDir.resolve("recordings"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".wav")).filter(f -> f.toFile().length() == 44)).isEmpty();
    }
    assertThat(ts.server.pool().preparedQuery("SELECT 1 FROM recordings WHERE call_id = $1")
        .execute(Tuple.of(callId)).await().size()).isZero();
  }

  @Test
  @DisplayName("A recording that does not appear within the grace period flags the ticket and raises an alert")
  void missingRecording() throws Exception {
    CompletableFuture<JsonObject> alert = new CompletableFuture<>();
    ts.vertx.eventBus().<JsonObject>consumer(Addresses.RECORDING_ALERT, m -> {
      if (m.body().getString("kind").equals("missing")) {
        alert.complete(m.body());
      }
    }).completion().await();
    // The file name as the dialplan announced it (MIXMONITOR_FILENAME), keyed by call: never another call's file
    // that happens to share the Uniqueid's first part.
    Map<String, String> announced = new ConcurrentHashMap<>();
    ts.vertx.eventBus().<JsonObject>consumer(Addresses.CALL_RECORDING,
        m -> announced.putIfAbsent(m.body().getString("callId"), m.body().getString("file"))).completion().await();
    RingHandle call = ts.pbx().ring("081311112222", "Siti", "eapp", "Local/agent2@agents/n", "Agent Two")
        .await(10, TimeUnit.SECONDS);
    call.answer().await(10, TimeUnit.SECONDS);
    // Polled: the simulated PBX writes the file as Asterisk would, announcing nothing when it is there.
    Path wav = Eventually.until("the MixMonitor file", 30_000, () -> {
      String file = announced.get(call.linkedid());
      return file != null && Files.exists(Path.of(file)) ? Path.of(file) : null;
    }, p -> true);
    Files.delete(wav);
    call.hangup().await(10, TimeUnit.SECONDS);

    JsonObject raised = alert.get(15, TimeUnit.SECONDS);
    assertThat(raised.getString("callId")).isEqualTo(call.linkedid());
    Row r = recordingOf(call.linkedid(), "missing");
    assertThat(r.getString("rel_path")).isNull();
    JsonObject ticket = qa.get("/api/tickets/" + r.getLong("ticket_id")).bodyAsJsonObject();
    assertThat(ticket.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("kind")))
        .contains("recording_missing");
    assertThat(HttpSession.anonymous(ts.vertx, ts.port()).get("/metrics").bodyAsString())
        .containsPattern("klip_recordings_missing_total [1-9]");
  }
}
