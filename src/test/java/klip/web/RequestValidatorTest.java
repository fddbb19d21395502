package klip.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.json.schema.common.dsl.Schemas;
import klip.http.Fields;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

/** The schema check in front of every handler: what passes, and the one sentence a mismatch gets. */
class RequestValidatorTest {

  private static Vertx vertx;
  private static WebClient client;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(1024));
    SecuredRouter routes = new SecuredRouter(router);
    // Two open routes of the access table, mounted here with schemas of this test's own.
    routes.json(HttpMethod.POST, "/login", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("name", Fields.requiredText(5))
        .optionalProperty("note", Fields.text(10))
        .optionalProperty("mode", Fields.oneOf("listen", "whisper"))
        .optionalProperty("items", Schemas.arraySchema().items(Schemas.objectSchema()
            .requiredProperty("code", Fields.requiredText(3))))), ctx -> {
              RequestInput in = RequestInput.of(ctx);
              return Future.succeededFuture(new JsonObject().put("name", in.text("name")).put("note", in.text("note")));
            });
    routes.json(HttpMethod.GET, "/oidc", RequestSchema.none()
        .query("limit", Fields.whole(1, 500, 50)).query("day", Fields.date()), ctx -> {
          RequestInput in = RequestInput.of(ctx);
          return Future.succeededFuture(new JsonObject().put("limit", in.queryInt("limit")).put("day", in.query("day")));
        });
    router.route().failureHandler(new FailureHandler());
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).await(10, TimeUnit.SECONDS);
    port = server.actualPort();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  private static HttpResponse<Buffer> post(String body) throws Exception {
    return client.post(port, "127.0.0.1", "/login").sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> get(String uri) throws Exception {
    return client.get(port, "127.0.0.1", uri).send().await(10, TimeUnit.SECONDS);
  }

  private static String error(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getInteger("status")).isEqualTo(400);
    return body.getString("error");
  }

  @Test
  @DisplayName("A body that matches passes, trimmed; optional fields may be null")
  void matchingBody() throws Exception {
    HttpResponse<Buffer> r = post("{\"name\":\" ab \",\"note\":null,\"items\":[{\"code\":\"x\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("name", "ab").putNull("note"));
  }

  @Test
  @DisplayName("Each kind of mismatch is a 400 naming the field and what is wrong, in Bahasa Indonesia")
  void mismatches() throws Exception {
    assertThat(error(post(""))).contains("kosong");
    assertThat(error(post("{\"name\":"))).contains("bukan JSON yang valid");
    assertThat(error(post("[1]"))).contains("Diharapkan objek JSON");
    assertThat(error(post("{}"))).isEqualTo("Kolom 'name' wajib diisi");
    assertThat(error(post("{\"name\":null}"))).isEqualTo("Kolom 'name' wajib diisi");
    assertThat(error(post("{\"name\":\"   \"}"))).isEqualTo("Kolom 'name' wajib diisi");
    assertThat(error(post("{\"name\":7}"))).isEqualTo("Kolom 'name' harus berupa teks");
    assertThat(error(post("{\"name\":\"abcdef\"}"))).contains("Kolom 'name' terlalu panjang, maksimal 5 karakter");
    assertThat(error(post("{\"name\":\"a\\u0000\"}"))).contains("Kolom 'name' berisi karakter NUL");
    assertThat(error(post("{\"name\":\"a\",\"mode\":\"barge\"}")))
        .startsWith("Kolom 'mode' harus salah satu dari: listen, whisper");
    assertThat(error(post("{\"name\":\"a\",\"items\":[{\"code\":\"x\"},{}]}")))
        .isEqualTo("Kolom 'items[1].code' wajib diisi");
    assertThat(error(post("{\"name\":\"a\",\"items\":{}}"))).contains("Kolom 'items' harus berupa daftar");
  }

  @Test
  @DisplayName("Query parameters are read as their declared types, with defaults; blank counts as absent")
  void queryParameters() throws Exception {
    assertThat(get("/oidc").bodyAsJsonObject()).isEqualTo(new JsonObject().put("limit", 50).putNull("day"));
    assertThat(get("/oidc?limit=&day=2026-08-17").bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("limit", 50).put("day", "2026-08-17"));
    assertThat(get("/oidc?limit=7").bodyAsJsonObject().getInteger("limit")).isEqualTo(7);
    assertThat(error(get("/oidc?limit=abc"))).startsWith("Parameter 'limit' harus angka antara 1 dan 500");
    assertThat(error(get("/oidc?limit=501"))).startsWith("Parameter 'limit' harus angka antara 1 dan 500");
    assertThat(error(get("/oidc?limit=99999999999999999999"))).startsWith("Parameter 'limit' harus angka antara");
    assertThat(error(get("/oidc?day=17-08-2026"))).startsWith("Parameter 'day' harus berupa tanggal");
  }
}
