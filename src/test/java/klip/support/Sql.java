package klip.support;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Blocking SQL for test assertions: rows as JSON, read through the server's own pool. */
public final class Sql {

  private Sql() {
  }

  public static List<JsonObject> rows(Pool pool, String sql, Object... params) {
    try {
      List<JsonObject> out = new ArrayList<>();
      for (Row r : pool.preparedQuery(sql).execute(Tuple.wrap(List.of(params))).await(10, TimeUnit.SECONDS)) {
        out.add(r.toJson());
      }
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
