package klip.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import klip.cluster.OwnerBound;
import klip.config.AppConfig;
import klip.http.BrowserListeners;
import klip.controls.AgentControlsApi;
import klip.controls.CallControlsApi;
import klip.controls.ControlsVerticle;
import klip.config.ProductionSafety;
import klip.db.Database;
import klip.db.PostgresSupervisor;
import klip.demo.DemoApi;
import klip.audit.AuditApi;
import klip.audit.AuditLog;
import klip.audit.AuditVerticle;
import klip.escalation.DiscussionParticipants;
import klip.escalation.EscalationConfig;
import klip.escalation.EscalationVerticle;
import klip.facts.Backlogs;
import klip.identity.AuthApi;
import klip.identity.LoginThrottle;
import klip.identity.OidcApi;
import klip.identity.OidcSettings;
import klip.identity.SecurityConfig;
import klip.identity.TeamAdminApi;
import klip.identity.UserAdminApi;
import klip.identity.Sessions;
import klip.identity.UserDirectory;
import klip.identity.TeamMembership;
import klip.identity.Teams;
import klip.observability.Metrics;
import klip.pbx.SimulatedPbx;
import klip.qa.CalibrationApi;
import klip.qa.DisputesApi;
import klip.qa.EvaluationsApi;
import klip.qa.QaApi;
import klip.recordings.PlaybackApi;
import klip.recordings.PlaybackAudit;
import klip.recordings.RecordingsApi;
import klip.recordings.RecordingCatalogue;
import klip.recordings.ScreenCaptureApi;
import klip.recordings.RecordingsConfig;
import klip.recordings.RecordingsIo;
import klip.recordings.RecordingsVerticle;
import klip.recordings.TablePlaybackAudit;
import klip.sikp.AnswerIntake;
import klip.sikp.AnsweredQuestions;
import klip.sikp.ArticleStore;
import klip.sikp.SikpApi;
import klip.sikp.SikpBusClient;
import klip.sikp.SikpEditorApi;
import klip.sikp.SikpImportApi;
import klip.sikp.SikpVerticle;
import klip.supervision.SupervisionApi;
import klip.supervision.BoardSettings;
import klip.supervision.SupervisionVerticle;
import klip.telephony.AmiFence;
import klip.telephony.AmiStatus;
import klip.facts.WriteFence;
import klip.telephony.TelephonyVerticle;
import klip.tickets.DeskApi;
import klip.tickets.TicketFinderApi;
import klip.tickets.LifecycleApi;
import io.vertx.pgclient.PgConnectOptions;
import klip.tickets.LifecycleService;
import klip.tickets.TicketStatus;
import klip.tickets.PopService;
import klip.tickets.TicketAccess;
import klip.tickets.TicketsApi;
import klip.tickets.TicketStore;
import klip.tickets.Tickets;
import klip.tickets.TicketsVerticle;
import klip.web.BridgeListeners;
import klip.http.HttpApi;
import klip.web.WebVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Wires the capabilities together and deploys them in dependency order: the one place that knows them all.
 * Main uses it with the configuration from the environment; tests and benchmarks with their own.
 */
public final class KlipServer {

  private static final Logger log = LoggerFactory.getLogger(KlipServer.class);

  private final Vertx vertx;
  private final Pool pool;
  private final Metrics metrics;
  private final SimulatedPbx pbx;
  private final List<String> deployments = new ArrayList<>();
  private final AmiStatus amiStatus = new AmiStatus();
  private final BridgeListeners listeners = new BridgeListeners();
  private final Backlogs backlogs;
  private WebVerticle web;
  private TelephonyVerticle telephony;

  private KlipServer(Vertx vertx, Pool pool, Metrics metrics, SimulatedPbx pbx, Backlogs backlogs) {
    this.vertx = vertx;
    this.pool = pool;
    this.metrics = metrics;
    this.pbx = pbx;
    this.backlogs = backlogs;
  }

  /** As {@link #start(Vertx, Metrics, AppConfig, Database)} with a registry of its own (no Vert.x series in it). */
  public static Future<KlipServer> start(Vertx vertx, AppConfig config, Database database) {
    return start(vertx, new Metrics(), config, database);
  }

  /**
   * Starts every capability; the returned future fails with the first deployment that failed.
   *
   * @param metrics this node's registry, the one {@code vertx} was built with ({@link Metrics#newVertx})
   */
  public static Future<KlipServer> start(Vertx vertx, Metrics metrics, AppConfig config, Database database) {
    List<String> refusals = ProductionSafety.refusals(config);
    if (!refusals.isEmpty()) {
      return Future.failedFuture(String.join("; ", refusals));
    }
    Future<SimulatedPbx> simulator = config.ami().simulated() ? SimulatorStart.start(vertx, config)
        : Future.succeededFuture(null);
    return simulator.compose(pbx -> {
      AppConfig effective = SimulatorStart.pointedAt(pbx, config);
      KlipServer server = new KlipServer(vertx, database.pool(vertx, config.database().poolSize()), metrics, pbx,
          new Backlogs(metrics, config.settings().integer("KLIP_FACT_BACKLOG_ALERT"),
              config.settings().integer("KLIP_FACT_BACKLOG_MAX")));
      return server.superviseEmbedded(database, config)
          .compose(v -> server.deploy(effective, database.connectOptions()))
          .map(server);
    });
  }

  /**
   * An embedded PostgreSQL that dies is restarted by the server itself; an external one is its operator's. A period
   * of 0 turns supervision off (a test that holds the database away to see the server's answer meanwhile).
   */
  private Future<Void> superviseEmbedded(Database database, AppConfig config) {
    long periodMs = config.settings().longValue("KLIP_DB_SUPERVISE_MS");
    if (database.embeddedServer() == null || periodMs <= 0) {
      return Future.succeededFuture();
    }
    return deploy(new PostgresSupervisor(database.embeddedServer(), periodMs));
  }

  /** @param listen where the SIKP capability LISTENs for article changes made elsewhere */
  private Future<Void> deploy(AppConfig config, PgConnectOptions listen) {
    SecurityConfig security = SecurityConfig.from(config.settings());
    UserDirectory users = new UserDirectory(vertx, pool);
    Teams teams = new TeamMembership(pool);
    Tickets tickets = new TicketStore(pool);
    AuditLog audit = new AuditLog(pool);
    PopService pops = new PopService(pool, vertx.eventBus(), metrics);
    OwnerBound ownerBound = new OwnerBound(vertx.eventBus(), amiStatus.node(), amiStatus::owner);
    WriteFence fence = new AmiFence(amiStatus);
    LifecycleService lifecycle = new LifecycleService(pool, vertx.eventBus());
    AnswerIntake answerIntake = new AnswerIntake();
    lifecycle.onEntering(TicketStatus.ANSWERED, answerIntake);
    lifecycle.onEntering(TicketStatus.DIRECTORATE_ANSWERED, answerIntake);
    TicketAccess ticketAccess = new TicketAccess(teams, new DiscussionParticipants(pool));
    EscalationVerticle escalation = new EscalationVerticle(vertx, pool, lifecycle, users,
        EscalationConfig.from(config.settings()), tickets, teams, ticketAccess, listen);
    escalation.effects().forEach(effect -> lifecycle.onEntering(effect.getKey(), effect.getValue()));
    Future<Void> seeded = UserSeeding.seed(config, security, users, pool);
    ArticleStore articles = new ArticleStore(pool);
    SikpVerticle sikp = new SikpVerticle(articles, new AnsweredQuestions(pool), config.dataDir().resolve("sikp-index"),
        config.demo(), listen);
    RecordingsIo recordings = RecordingsIo.create(vertx, pool,
        RecordingsConfig.from(config.recordingsDir(), config.settings()), metrics, tickets, teams);
    return seeded
        .compose(v -> deploy(new AuditVerticle(audit)))
        .compose(v -> deploy(new TicketsVerticle(pool, users, pops, metrics, backlogs.of("tickets"), fence)))
        .compose(v -> deploy(sikp))
        .compose(v -> deploy(new RecordingsVerticle(pool, recordings.config(), metrics, recordings,
            backlogs.ofSlow("recordings"))))
        // Before telephony: the member states of its first resync are the agents' states.
        .compose(v -> deploy(new ControlsVerticle(users, tickets,
            config.settings().bool("KLIP_ACW_PAUSE"), config.settings().longValue("KLIP_ACW_MAX_SECONDS") * 1000,
            ownerBound)))
        .compose(v -> deploy(telephony = new TelephonyVerticle(config.ami(), users.phoneInterfaces(), amiStatus,
            metrics, backlogs, pool, ownerBound)))
        .compose(v -> deploy(new SupervisionVerticle(pool, users, tickets, boardWatchers(), new BoardSettings(
            config.settings().longValue("KLIP_WRAPUP_SECONDS") * 1000,
            config.settings().integer("KLIP_SERVICE_LEVEL_SECONDS")), backlogs.of("supervision"), audit,
            ownerBound, fence)))
        .compose(v -> deploy(escalation))
        .compose(v -> {
          Sessions sessions = new Sessions(vertx, security, users);
          List<HttpApi> apis = new ArrayList<>(List.of(new AuthApi(users, sessions,
                  LoginThrottle.from(security, pool), audit),
              new AuditApi(audit), new UserAdminApi(pool, users), new TeamAdminApi(pool),
              // Before TicketsApi: /tickets/search would otherwise be read as /tickets/:id.
              new TicketFinderApi(pool, teams), new TicketsApi(pool, pops, ticketAccess), new DeskApi(pool, ticketAccess),
              new LifecycleApi(lifecycle, ticketAccess)));
          apis.addAll(recordingsAndQaApis(recordings, tickets, teams, audit, users));
          apis.add(new SupervisionApi(vertx.eventBus()));
          apis.add(new AgentControlsApi(vertx.eventBus()));
          apis.add(new CallControlsApi(vertx.eventBus(), tickets, users));
          apis.addAll(escalation.apis());
          SikpBusClient sikpBus = new SikpBusClient(vertx.eventBus());
          SikpImportApi imports = new SikpImportApi(sikpBus, articles, vertx.eventBus(), pool);
          apis.addAll(List.of(new SikpApi(sikp.suggestingHere(sikpBus), articles), new SikpEditorApi(sikpBus, articles), imports));
          if (config.demo() && pbx != null) {
            apis.add(new DemoApi(vertx, pbx, users));
          }
          OidcSettings oidc = OidcSettings.from(config.settings());
          Future<Void> sso = imports.unfinishedJobs()
              .onSuccess(n -> {
                if (n > 0) {
                  log.info("{} SIKP import job(s) wait for their next chunk; each continues from its nextLine", n);
                }
              }).mapEmpty();
          if (oidc != null) {
            OidcApi oidcApi = new OidcApi(vertx, pool, oidc, users, audit);
            apis.add(oidcApi);
            sso = sso.compose(cleared -> oidcApi.discover());
          }
          web = new WebVerticle(config.httpHost(), config.httpPort(), pool, metrics, amiStatus, backlogs, pops, apis,
              sessions, listeners, config.settings().longValue("KLIP_HTTP_IDLE_TIMEOUT_MS"),
              config.settings().longValue("KLIP_HTTP_HEADERS_TIMEOUT_MS"), audit);
          return sso.compose(ready -> deploy(web));
        });
  }

  /**
   * Whose board is open: this node's bridge counts its own browsers; on a cluster a team leader may watch from any
   * node, so the owner of AMI pushes every team's board.
   */
  private BrowserListeners boardWatchers() {
    return vertx.isClustered() ? address -> true : listeners;
  }

  /** Recordings, screen captures and the QA console share one playback audit. */
  private List<HttpApi> recordingsAndQaApis(RecordingsIo recordings, Tickets tickets, Teams teams, AuditLog audit,
                                            UserDirectory users) {
    PlaybackAudit playbacks = new TablePlaybackAudit(pool);
    return List.of(new RecordingsApi(pool, recordings, playbacks), new PlaybackApi(pool, recordings, playbacks),
        new ScreenCaptureApi(pool, recordings, playbacks),
        new QaApi(pool, tickets, teams, new RecordingCatalogue(pool), users::all), new EvaluationsApi(pool, tickets, teams),
        new DisputesApi(pool), new CalibrationApi(pool));
  }

  private Future<Void> deploy(io.vertx.core.Deployable verticle) {
    String name = verticle.getClass().getSimpleName();
    return vertx.deployVerticle(verticle, new DeploymentOptions())
        .onSuccess(deployments::add)
        .recover(err -> Future.failedFuture(new IllegalStateException(name + " failed to start: " + err.getMessage(),
            err)))
        .mapEmpty();
  }

  public int httpPort() {
    return web.actualPort();
  }

  public AmiStatus amiStatus() {
    return amiStatus;
  }

  public SimulatedPbx pbx() {
    return pbx;
  }

  public Pool pool() {
    return pool;
  }

  public Metrics metrics() {
    return metrics;
  }

  /** For tests: the telephony verticle, null until deployed. */
  public TelephonyVerticle telephony() {
    return telephony;
  }

  public Backlogs backlogs() {
    return backlogs;
  }

  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.compose(v -> vertx.undeploy(id).otherwiseEmpty());
    }
    return chain.compose(v -> pbx == null ? Future.succeededFuture() : pbx.stop())
        .compose(v -> pool.close());
  }
}
