package klip.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Administering users and teams through the API, as the admin page does, and what sessions make of it. */
class AdminApiTest {

  private static TestServer ts;
  private static HttpSession admin;

  @BeforeAll
  static void start() {
    ts = TestServer.start();
    admin = ts.login("admin");
  }

  @AfterAll
  static void stop() {
    ts.close();
  }

  @Test
  @DisplayName("An admin creates a team and a user; a role change applies to the user's next request and is audited")
  void usersAndTeams() {
    assertThat(admin.post("/api/admin/teams", new JsonObject().put("code", "tim-b").put("name", "Tim B"))
        .statusCode()).isEqualTo(200);
    assertThat(admin.post("/api/admin/teams", new JsonObject().put("code", "tim-b").put("name", "Lagi"))
        .statusCode()).isEqualTo(409);
    JsonObject sari = new JsonObject().put("username", "sari").put("displayName", "Sari Wulandari")
        .put("role", "agent").put("team", "tim-b").put("phoneInterface", "PJSIP/1001")
        .put("password", "sari-password-123");
    var created = admin.post("/api/admin/users", sari);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(200);
    assertThat(created.bodyAsJsonObject().getBoolean("hasPassword")).isTrue();
    assertThat(created.bodyAsString()).doesNotContain("sari-password-123").doesNotContain("argon2");
    assertThat(admin.post("/api/admin/users", sari).statusCode()).isEqualTo(409);
    assertThat(admin.post("/api/admin/users", sari.copy().put("username", "sari2")).statusCode())
        .as("the phone interface is taken").isEqualTo(409);

    HttpSession s = HttpSession.login(ts.vertx, ts.port(), "sari", "sari-password-123");
    assertThat(s.get("/api/me").bodyAsJsonObject().getString("team")).isEqualTo("tim-b");
    assertThat(admin.put("/api/admin/users/sari", new JsonObject().put("role", "team_leader")).statusCode())
        .isEqualTo(200);
    assertThat(s.get("/api/me").bodyAsJsonObject().getString("role")).isEqualTo("team_leader");
    JsonArray roleChanges = admin.get("/api/audit?action=user.role_changed").bodyAsJsonArray();
    assertThat(roleChanges.getJsonObject(0).getString("target")).isEqualTo("user:sari");
    assertThat(roleChanges.getJsonObject(0).getString("actor")).isEqualTo("admin");

    assertThat(admin.put("/api/admin/users/sari", new JsonObject().put("active", false)).statusCode()).isEqualTo(200);
    assertThat(s.get("/api/me").statusCode()).as("a deactivated user's session ends").isEqualTo(401);

    JsonArray teams = admin.get("/api/admin/teams").bodyAsJsonArray();
    assertThat(teams.stream().map(t -> ((JsonObject) t).getString("code"))).contains("tim-a", "tim-b", "admin");
    assertThat(admin.get("/api/admin/interfaces").bodyAsString()).contains("PJSIP/1001");
    assertThat(admin.get("/api/admin/roles").bodyAsJsonArray().getList()).contains("agent", "admin");
  }

  @Test
  @DisplayName("Bad input is a 400 with a message; an admin cannot demote themselves")
  void validation() {
    JsonObject good = new JsonObject().put("username", "budi").put("displayName", "Budi").put("role", "agent")
        .put("team", "tim-a");
    assertThat(admin.post("/api/admin/users", good.copy().put("username", "../etc")).statusCode()).isEqualTo(400);
    assertThat(admin.post("/api/admin/users", good.copy().put("role", "root")).statusCode()).isEqualTo(400);
    assertThat(admin.post("/api/admin/users", good.copy().put("team", "no-such-team")).statusCode()).isEqualTo(400);
    assertThat(admin.post("/api/admin/users", good.copy().put("displayName", "<script>alert(1)</script>"))
        .statusCode()).isEqualTo(400);
    assertThat(admin.post("/api/admin/users", good.copy().put("phoneInterface", "PJSIP/1; DROP")).statusCode())
        .isEqualTo(400);
    assertThat(admin.post("/api/admin/users", good.copy().put("password", "short")).statusCode()).isEqualTo(400);
    assertThat(admin.put("/api/admin/users/admin", new JsonObject().put("role", "agent")).statusCode())
        .isEqualTo(409);
    assertThat(admin.put("/api/admin/users/nobody", new JsonObject().put("role", "agent")).statusCode())
        .isEqualTo(404);
    assertThat(ts.login("tl1").get("/api/admin/users").statusCode()).isEqualTo(403);
  }
}
