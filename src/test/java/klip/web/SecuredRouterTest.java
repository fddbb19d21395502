package klip.web;

import klip.http.RequestSchema;
import klip.http.SecuredRouter;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SecuredRouterTest {

  @Test
  @DisplayName("Registering a route that has no row in the access table fails, naming the route")
  void routeWithoutRuleIsRefused() {
    Vertx vertx = Vertx.vertx();
    try {
      SecuredRouter routes = new SecuredRouter(Router.router(vertx));
      assertThatThrownBy(() -> routes.json(HttpMethod.GET, "/no-rule-here", ctx -> Future.succeededFuture()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("GET /api/no-rule-here").hasMessageContaining("AccessPolicy");
      assertThatThrownBy(() -> routes.raw(HttpMethod.DELETE, "/tickets/:id", ctx -> { }))
          .hasMessageContaining("DELETE /api/tickets/:id");
    } finally {
      vertx.close();
    }
  }

  @Test
  @DisplayName("An audited change registered as a plain JSON route fails the start: its audit entry could not be in "
      + "its transaction")
  void auditedRouteMustBeAChange() {
    Vertx vertx = Vertx.vertx();
    try {
      SecuredRouter routes = new SecuredRouter(Router.router(vertx));
      assertThatThrownBy(() -> routes.json(HttpMethod.PUT, "/calendar/days/:date", RequestSchema.none(),
          ctx -> Future.succeededFuture()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("PUT /api/calendar/days/:date").hasMessageContaining("SecuredRouter.change");
      routes.change(HttpMethod.PUT, "/calendar/days/:date", RequestSchema.none(), ctx -> Future.succeededFuture());
      routes.json(HttpMethod.POST, "/pops/:id/ack", RequestSchema.none(), ctx -> Future.succeededFuture());
    } finally {
      vertx.close();
    }
  }
}
