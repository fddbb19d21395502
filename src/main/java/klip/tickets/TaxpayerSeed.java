package klip.tickets;

import klip.phone.PhoneNumbers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/** Adds known taxpayers and their phone numbers (the demo's), so a ringing call can be matched to them. */
public final class TaxpayerSeed {

  private TaxpayerSeed() {
  }

  /**
   * Idempotent: taxpayers are matched by name and their numbers added once.
   *
   * @param taxpayers {@code [{name, npwp, nik, phones: [..]}]}
   */
  public static Future<Void> load(Pool pool, JsonArray taxpayers) {
    return pool.withTransaction(conn -> {
      Future<Void> chain = Future.succeededFuture();
      for (Object o : taxpayers) {
        JsonObject tp = (JsonObject) o;
        chain = chain.compose(v -> conn.preparedQuery(TicketQueries.ADD_TAXPAYER)
                .execute(Tuple.of(tp.getString("name"), tp.getString("npwp"), tp.getString("nik")))
            .compose(r -> conn.preparedQuery(TicketQueries.TAXPAYER_BY_NAME).execute(Tuple.of(tp.getString("name"))))
            .compose(rows -> {
              long id = rows.iterator().next().getLong("id");
              Future<Void> phones = Future.succeededFuture();
              for (Object phone : tp.getJsonArray("phones")) {
                phones = phones.compose(x -> conn.preparedQuery(TicketQueries.ADD_TAXPAYER_PHONE)
                    .execute(Tuple.of(id, PhoneNumbers.normalise((String) phone))).mapEmpty());
              }
              return phones;
            }));
      }
      return chain;
    });
  }
}
