package klip.sikp;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;

/**
 * What the HTTP APIs need from the SIKP verticle (over the event bus: {@link SikpBusClient}): suggestions, and
 * telling it that stored articles changed.
 */
public interface SikpService {

  /**
   * Up to {@code limit} published articles for what an agent typed, best first:
   * {@code [{id, number, version, title, app, score, snippet, isNew}]}; the snippet is escaped HTML whose only
   * markup is {@code <mark>} around matched words. Any text is accepted.
   */
  Future<JsonArray> suggest(String text, String app, int limit);

  /** Makes the index reflect the stored article {@code id}; the future completes once searches see it. */
  Future<Void> changed(String id);

  /** Makes the index reflect every stored article (after an import). */
  Future<Void> resync();

  /** The knowledge-gap report over the last {@code days} days (see {@link KnowledgeGaps}). */
  Future<JsonArray> knowledgeGaps(int days);
}
