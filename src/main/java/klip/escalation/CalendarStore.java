package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The holidays and cuti bersama in PostgreSQL, seeded once from the data file, and the current
 * {@link WorkingCalendar} built from them: replaced as a whole after every admin edit, on this node at once and on
 * every other node sharing the database when PostgreSQL announces the change ({@code calendar_changed}).
 */
final class CalendarStore {

  private static final Logger log = LoggerFactory.getLogger(CalendarStore.class);
  static final String SEED_FILE = "calendar/holidays-2026-2027.json";
  static final String CHANGED_CHANNEL = "calendar_changed";

  private final Vertx vertx;
  private final Pool pool;
  private final EscalationConfig config;
  private final AtomicReference<WorkingCalendar> current = new AtomicReference<>();
  private PgSubscriber subscriber;

  CalendarStore(Vertx vertx, Pool pool, EscalationConfig config) {
    this.vertx = vertx;
    this.pool = pool;
    this.config = config;
    current.set(new WorkingCalendar(Set.of(), config.workdayStart(), config.workdayEnd()));
  }

  WorkingCalendar calendar() {
    return current.get();
  }

  /** Seeds from the data file if this database has never loaded it, then loads the calendar. */
  Future<Void> start() {
    return pool.preparedQuery("INSERT INTO calendar_sources (file) VALUES ($1) ON CONFLICT DO NOTHING RETURNING file")
        .execute(Tuple.of(SEED_FILE))
        .compose(rows -> rows.iterator().hasNext() ? seed() : Future.succeededFuture())
        .compose(v -> reload());
  }

  /**
   * Rebuilds the calendar whenever a change is committed, here or on another node. Should the LISTEN connection
   * drop, the subscriber reconnects and reloads, since changes may have been missed meanwhile.
   */
  void listen(PgConnectOptions options) {
    if (options == null) {
      return;
    }
    subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
    subscriber.channel(CHANGED_CHANNEL).subscribeHandler(v -> {
      subscriber.actualConnection().exceptionHandler(e ->
          log.info("Calendar change-notification connection lost ({}); reconnecting", e.getMessage()));
      reloadLogged();
    }).handler(payload -> reloadLogged());
    subscriber.connect().onFailure(e ->
        log.warn("Calendar change notifications unavailable ({}); edits on other nodes apply at their restart",
            e.getMessage()));
  }

  Future<Void> stopListening() {
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
  }

  private void reloadLogged() {
    reload().onFailure(e -> log.warn("Working calendar not reloaded after a change: {}", e.getMessage()));
  }

  private Future<Void> seed() {
    // Vert.x resolves the name on the classpath too, so this works from the jar; read asynchronously.
    return vertx.fileSystem().readFile(SEED_FILE).compose(buffer -> {
      JsonArray days = buffer.toJsonObject().getJsonArray("days");
      java.util.List<Tuple> batch = new java.util.ArrayList<>();
      days.forEach(o -> {
        JsonObject d = (JsonObject) o;
        batch.add(Tuple.of(LocalDate.parse(d.getString("date")), d.getString("name"), d.getString("kind"),
            d.getBoolean("provisional", false), "seed"));
      });
      log.info("Working calendar seeded with {} days from {}", batch.size(), SEED_FILE);
      return pool.preparedQuery(UPSERT).executeBatch(batch).mapEmpty();
    });
  }

  static final String UPSERT = """
      INSERT INTO calendar_days (day, name, kind, provisional, updated_by) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (day) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
        provisional = EXCLUDED.provisional, updated_by = EXCLUDED.updated_by, updated_at = now()
      """;

  Future<Void> reload() {
    return pool.query("SELECT day FROM calendar_days").execute().map(rows -> {
      Set<LocalDate> days = new HashSet<>();
      rows.forEach(r -> days.add(r.getLocalDate("day")));
      current.set(new WorkingCalendar(days, config.workdayStart(), config.workdayEnd()));
      return null;
    });
  }

  Future<JsonArray> list(Integer year) {
    return pool.preparedQuery("""
            SELECT day, name, kind, provisional, updated_by, updated_at FROM calendar_days
            WHERE $1::int IS NULL OR EXTRACT(YEAR FROM day) = $1 ORDER BY day
            """).execute(Tuple.of(year))
        .map(rows -> {
          JsonArray list = new JsonArray();
          rows.forEach(r -> list.add(json(r)));
          return list;
        });
  }

  /** {@code audit} appends the change's audit entry in its transaction. */
  Future<Void> put(LocalDate day, String name, String kind, boolean provisional, String by,
                   Function<SqlConnection, Future<Void>> audit) {
    return pool.withTransaction(tx -> tx.preparedQuery(UPSERT).execute(Tuple.of(day, name, kind, provisional, by))
        .compose(v -> audit.apply(tx))).compose(v -> reload());
  }

  /** False when the day was no day off (nothing changed, nothing audited). */
  Future<Boolean> delete(LocalDate day, Function<SqlConnection, Future<Void>> audit) {
    return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM calendar_days WHERE day = $1")
            .execute(Tuple.of(day))
            .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false) : audit.apply(tx).map(true)))
        .compose(found -> reload().map(found));
  }

  private static JsonObject json(Row r) {
    return new JsonObject().put("date", r.getLocalDate("day").toString()).put("name", r.getString("name"))
        .put("kind", r.getString("kind")).put("provisional", r.getBoolean("provisional"))
        .put("updatedBy", r.getString("updated_by"));
  }
}
