package klip.demo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.tickets.PhoneNumbers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Demo taxpayers, loaded only in demo mode: the callers of the captured sessions plus a tax consultant's
 * number shared by three taxpayers, so a newcomer sees the multiple-match choice in the pop.
 */
public final class DemoData {

  private DemoData() {
  }

  public static JsonArray taxpayers() {
    try (InputStream in = DemoData.class.getResourceAsStream("/demo/taxpayers.json")) {
      return new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("Demo taxpayers missing from the jar", e);
    }
  }

  /** Idempotent: taxpayers are matched by name and their numbers added once. */
  public static Future<Void> load(Pool pool) {
    return pool.withTransaction(conn -> {
      Future<Void> chain = Future.succeededFuture();
      for (Object o : taxpayers()) {
        JsonObject tp = (JsonObject) o;
        chain = chain.compose(v -> conn.preparedQuery("""
                INSERT INTO taxpayers (name, npwp, nik) VALUES ($1, $2, $3)
                ON CONFLICT DO NOTHING
                """).execute(Tuple.of(tp.getString("name"), tp.getString("npwp"), tp.getString("nik")))
            .compose(r -> conn.preparedQuery("SELECT id FROM taxpayers WHERE name = $1 ORDER BY id LIMIT 1")
                .execute(Tuple.of(tp.getString("name"))))
            .compose(rows -> {
              long id = rows.iterator().next().getLong("id");
              Future<Void> phones = Future.succeededFuture();
              for (Object phone : tp.getJsonArray("phones")) {
                phones = phones.compose(x -> conn.preparedQuery(
                        "INSERT INTO taxpayer_phones (taxpayer_id, phone) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                    .execute(Tuple.of(id, PhoneNumbers.normalise((String) phone))).mapEmpty());
              }
              return phones;
            }));
      }
      return chain;
    });
  }
}
