package klip.demo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import klip.tickets.TaxpayerSeed;

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
    return TaxpayerSeed.load(pool, taxpayers());
  }
}
