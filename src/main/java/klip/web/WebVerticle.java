package klip.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.sqlclient.Pool;
import klip.facts.Backlogs;
import klip.http.ApiError;
import klip.http.ClientAddress;
import klip.http.HttpApi;
import klip.http.AuditedChange;
import klip.http.SecuredRouter;
import klip.http.SessionBoundRoutes;
import klip.identity.Sessions;
import klip.observability.Metrics;
import klip.telephony.AmiStatus;
import klip.tickets.PopService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The one HTTP server: the API of every capability under /api (each route through the access table), the
 * event-bus bridge, health and metrics, and the browser pages.
 */
public final class WebVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(WebVerticle.class);
  private static final long BODY_LIMIT_BYTES = 256 * 1024;

  private final String host;
  private final int port;
  private final Pool pool;
  private final Metrics metrics;
  private final AmiStatus ami;
  private final Backlogs backlogs;
  private final PopService pops;
  private final List<HttpApi> apis;
  private final Sessions sessions;
  private final BridgeListeners listeners;
  private final ConnectionDeadlines.Settings deadlines;
  private HttpServer server;
  private final AuditedChange.Trail auditTrail;

  public WebVerticle(String host, int port, Pool pool, Metrics metrics, AmiStatus ami, Backlogs backlogs,
                     PopService pops, List<HttpApi> apis, Sessions sessions, BridgeListeners listeners,
                     long idleTimeoutMs, long requestHeadersTimeoutMs, AuditedChange.Trail auditTrail) {
    this.auditTrail = auditTrail;
    this.host = host;
    this.port = port;
    this.pool = pool;
    this.metrics = metrics;
    this.ami = ami;
    this.backlogs = backlogs;
    this.pops = pops;
    this.apis = apis;
    this.sessions = sessions;
    this.listeners = listeners;
    this.deadlines = new ConnectionDeadlines.Settings(idleTimeoutMs, requestHeadersTimeoutMs);
  }

  @Override
  public Future<?> start() {
    Router root = Router.router(vertx);
    root.route().handler(ClientAddress.resolver(sessions.config().trustedProxies()));
    root.route().handler(SecurityHeaders::apply);
    SessionBoundRoutes shortRoads = new SessionBoundRoutes(sessions.principals(),
        request -> SecurityHeaders.applyAhead(request, sessions.config().trustedProxies()));
    root.route().handler(sessions.sessionHandler());
    root.route().handler(sessions.principalFromSession());
    HealthCheck health = new HealthCheck(vertx, pool, ami, backlogs);
    root.get("/health").handler(ctx -> health.run().onFailure(ctx::fail).onSuccess(report ->
        ctx.response().setStatusCode(report.getString("status").equals("UP") ? 200 : 503)
            .putHeader("Content-Type", "application/json").end(report.encodePrettily())));
    root.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.render()));
    root.route("/eventbus/*").subRouter(EventBusBridge.create(vertx, pops, sessions, listeners));

    Router api = Router.router(vertx);
    api.route().handler(CsrfGuard::check);
    api.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
    SecuredRouter secured = new SecuredRouter(api, shortRoads, auditTrail);
    apis.forEach(a -> a.mount(secured));
    String openApi = OpenApiDocument.build(secured.schemas()).encodePrettily();
    root.get("/openapi.json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
        .end(openApi));
    api.route().handler(ctx -> ctx.fail(ApiError.notFound("Tidak ada API di " + ctx.request().path())));
    api.route().failureHandler(new FailureHandler());
    root.route("/api/*").subRouter(api);

    root.route().handler(StaticHandler.create("webroot").setCachingEnabled(false).setIndexPage("index.html"));
    root.route().failureHandler(new FailureHandler());

    // A request line up to 32 kB: a long pasted question in /api/sikp/suggest?q=... is a query, not a 414.
    ConnectionDeadlines connections = new ConnectionDeadlines(vertx, deadlines);
    return vertx.createHttpServer(connections.apply(new HttpServerOptions().setMaxInitialLineLength(32 * 1024)))
        .connectionHandler(connections::connected)
        // The short roads are taken ahead of the router; the connection's deadlines bound both.
        .requestHandler(connections.requests(shortRoads.ahead(root)))
        .listen(port, host)
        .onSuccess(s -> {
          server = s;
          log.info("HTTP server listening on {}:{}", host, s.actualPort());
        });
  }

  public int actualPort() {
    return server.actualPort();
  }
}
