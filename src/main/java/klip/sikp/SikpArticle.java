package klip.sikp;

import java.util.List;
import java.util.Objects;

/**
 * One knowledge-base article as the search engine sees it.
 *
 * <p>{@code version} and {@code status} are carried for the storage layer (versioned edits,
 * drafts); only {@link #isPublished() published} articles are searchable. {@code asked} holds the
 * questions of recent tickets answered from the article (how callers put it), not edited content.
 */
public record SikpArticle(
    String id,
    String app,
    String title,
    String question,
    List<String> variants,
    String answer,
    List<String> keywords,
    int version,
    String status,
    List<String> asked) {

  public static final String PUBLISHED = "published";

  public SikpArticle {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    app = app == null ? "" : app;
    title = title == null ? "" : title;
    question = question == null ? "" : question;
    variants = variants == null ? List.of() : List.copyOf(variants);
    answer = answer == null ? "" : answer;
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    status = status == null || status.isBlank() ? PUBLISHED : status;
    asked = asked == null ? List.of() : List.copyOf(asked);
  }

  /** An article no caller's question has been linked to yet. */
  public SikpArticle(String id, String app, String title, String question, List<String> variants, String answer,
      List<String> keywords, int version, String status) {
    this(id, app, title, question, variants, answer, keywords, version, status, List.of());
  }

  /** The same article with the questions of recent tickets answered from it, most recent first. */
  public SikpArticle withAsked(List<String> questions) {
    return new SikpArticle(id, app, title, question, variants, answer, keywords, version, status, questions);
  }

  /** A published article at version 1, as loaded from the shipped JSONL file. */
  public static SikpArticle published(
      String id, String app, String title, String question, List<String> variants,
      String answer, List<String> keywords) {
    return new SikpArticle(id, app, title, question, variants, answer, keywords, 1, PUBLISHED);
  }

  public boolean isPublished() {
    return PUBLISHED.equalsIgnoreCase(status);
  }
}
