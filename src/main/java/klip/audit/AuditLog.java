package klip.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import klip.access.Principal;
import klip.http.AuditedChange;
import klip.http.ClientAddress;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The append-only, hash-chained audit log (who, what, when, from where). Other capabilities call
 * {@link #record} for ticket changes, playbacks and downloads, SIKP publications, role changes and sign-ins;
 * the same is available over the event bus at {@code klip.Addresses.AUDIT_RECORD} for code without a reference.
 * Rows are never updated or deleted (a database trigger refuses it); {@link #verify} recomputes the chain.
 */
public final class AuditLog implements AuditedChange.Trail {

  private static final int VERIFY_BATCH = 2000;

  private final Pool pool;

  public AuditLog(Pool pool) {
    this.pool = pool;
  }

  /**
   * Appends one entry. {@code actor} is a username (or "anonymous"/"system"), {@code action} a dotted verb such as
   * {@code ticket.updated}, {@code target} what it was done to (e.g. {@code ticket:42}), {@code detail} small JSON
   * without secrets, {@code remoteAddress} the client's address as the server saw it.
   */
  public Future<Void> record(String actor, String action, String target, JsonObject detail, String remoteAddress) {
    return pool.withTransaction(conn -> record(conn, actor, action, target, detail, remoteAddress));
  }

  /**
   * {@link #record} inside the caller's transaction: the entry commits or rolls back with the caller's own rows
   * (the chain's lock is held until then, so keep such transactions short).
   */
  public Future<Void> record(SqlConnection conn, String actor, String action, String target, JsonObject detail,
                             String remoteAddress) {
    String detailText = (detail == null ? new JsonObject() : detail).encode();
    return appendInTransaction(conn, orEmpty(actor, "anonymous"), action, orEmpty(target, ""), detailText,
        orEmpty(remoteAddress, ""));
  }

  @Override
  public Future<Void> append(String actor, String action, String target, JsonObject detail, String remoteAddress) {
    return record(actor, action, target, detail, remoteAddress);
  }

  @Override
  public Future<Void> append(SqlConnection tx, String actor, String action, String target, JsonObject detail,
                             String remoteAddress) {
    return record(tx, actor, action, target, detail, remoteAddress);
  }

  private static Future<Void> appendInTransaction(SqlConnection conn, String actor, String action, String target,
                                                  String detail, String remoteAddress) {
    // Microsecond precision: exactly what PostgreSQL stores, so the hash can be recomputed from the row.
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    return conn.query(AuditQueries.LOCK_CHAIN).execute()
        .compose(v -> conn.query(AuditQueries.LAST).execute())
        .compose(last -> append(conn, last, at, actor, action, target, detail, remoteAddress));
  }

  /** {@link #record} with the actor and the address taken from the request. */
  public Future<Void> record(RoutingContext ctx, String action, String target, JsonObject detail) {
    Principal who = Principal.of(ctx);
    return record(who == null ? "anonymous" : who.username(), action, target, detail, ClientAddress.of(ctx));
  }

  private static Future<Void> append(SqlConnection conn, RowSet<Row> last, OffsetDateTime at, String actor,
                                     String action, String target, String detail, String remote) {
    Row previous = last.iterator().hasNext() ? last.iterator().next() : null;
    long id = previous == null ? 1 : previous.getLong("id") + 1;
    String prevHash = previous == null ? AuditChain.GENESIS : previous.getString("hash");
    String hash = AuditChain.hash(prevHash, id, at.toInstant(), actor, action, target, detail, remote);
    return conn.preparedQuery(AuditQueries.INSERT)
        .execute(Tuple.from(new Object[] {id, at, actor, action, target, detail, remote, prevHash, hash}))
        .mapEmpty();
  }

  /** Newest first: {@code beforeId} 0 for the newest page; actor and a part of the action optional. */
  public Future<JsonArray> list(long beforeId, String actor, String actionPart, int limit) {
    return pool.preparedQuery(AuditQueries.LIST).execute(Tuple.of(beforeId, actor, actionPart, limit))
        .map(rows -> {
          JsonArray list = new JsonArray();
          rows.forEach(r -> list.add(new JsonObject().put("id", r.getLong("id"))
              .put("at", r.getOffsetDateTime("at").toInstant().toString()).put("actor", r.getString("actor"))
              .put("action", r.getString("action")).put("target", r.getString("target"))
              .put("detail", r.getString("detail")).put("remoteAddress", r.getString("remote_address"))
              .put("hash", r.getString("hash"))));
          return list;
        });
  }

  /**
   * Recomputes the whole chain from the first entry: {ok, checked, brokenAt, reason}. Detects an edited field, a
   * removed or inserted row and a re-linked chain up to the newest entry.
   */
  public Future<JsonObject> verify() {
    return verifyFrom(0, AuditChain.GENESIS, 0);
  }

  private Future<JsonObject> verifyFrom(long afterId, String prevHash, long checked) {
    return pool.preparedQuery(AuditQueries.PAGE_FOR_VERIFY).execute(Tuple.of(afterId, VERIFY_BATCH))
        .compose(rows -> {
          long expectedId = afterId + 1;
          String expectedPrev = prevHash;
          long count = checked;
          for (Row r : rows) {
            long id = r.getLong("id");
            String problem = problem(r, expectedId, expectedPrev);
            if (problem != null) {
              return Future.succeededFuture(new JsonObject().put("ok", false).put("checked", count)
                  .put("brokenAt", id).put("reason", problem));
            }
            expectedPrev = r.getString("hash");
            expectedId = id + 1;
            count++;
          }
          if (rows.size() < VERIFY_BATCH) {
            return Future.succeededFuture(new JsonObject().put("ok", true).put("checked", count)
                .put("head", expectedPrev));
          }
          return verifyFrom(expectedId - 1, expectedPrev, count);
        });
  }

  private static String problem(Row r, long expectedId, String expectedPrev) {
    long id = r.getLong("id");
    if (id != expectedId) {
      return "entri " + expectedId + " hilang";
    }
    if (!r.getString("prev_hash").equals(expectedPrev)) {
      return "rantai terputus";
    }
    String recomputed = AuditChain.hash(expectedPrev, id, r.getOffsetDateTime("at").toInstant(), r.getString("actor"),
        r.getString("action"), r.getString("target"), r.getString("detail"), r.getString("remote_address"));
    return recomputed.equals(r.getString("hash")) ? null : "isi entri diubah";
  }

  private static String orEmpty(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
