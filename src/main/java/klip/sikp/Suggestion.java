package klip.sikp;

/**
 * One search hit. {@code snippet} is HTML: text is escaped and matched words are wrapped in
 * {@code <mark>}, so it can be inserted into the agent desktop as is.
 */
public record Suggestion(String id, String title, String app, float score, String snippet) {}
