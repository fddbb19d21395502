package klip.sikp.eval;

import java.util.List;

/** Something that ranks article ids for a query: the engine or a baseline. */
public interface Ranker extends AutoCloseable {
  String name();

  List<String> rank(String query, int k);

  @Override
  default void close() throws Exception {}
}
