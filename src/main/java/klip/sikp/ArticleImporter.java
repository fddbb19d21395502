package klip.sikp;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Imports articles from JSON Lines into the {@link ArticleStore}, one line after another, telling a listener how
 * far it got. A bad line is reported with its line number and skipped; the good lines around it are kept. The
 * same content imported twice adds no version. Used by the {@code sikp-import} command and the admin page (which
 * sends the file in chunks, so the running counts carry over from chunk to chunk).
 */
public final class ArticleImporter {

  /** How far an import got. */
  public static final class Progress {
    private final int total;
    private int done;
    private int created;
    private int updated;
    private int unchanged;
    private final List<ArticleJsonl.LineError> errors = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private boolean finished;

    public Progress(int total) {
      this.total = total;
    }

    /** The progress as stored by {@link #toJson} (ids seen are kept by the job, not here). */
    static Progress fromJson(JsonObject json) {
      Progress p = new Progress(json.getInteger("total"));
      p.done = json.getInteger("done");
      p.created = json.getInteger("created");
      p.updated = json.getInteger("updated");
      p.unchanged = json.getInteger("unchanged");
      p.finished = json.getBoolean("finished", false);
      json.getJsonArray("errors", new JsonArray()).forEach(o -> {
        JsonObject e = (JsonObject) o;
        p.errors.add(new ArticleJsonl.LineError(e.getInteger("line"), e.getString("message")));
      });
      return p;
    }

    public int done() {
      return done;
    }

    public int total() {
      return total;
    }

    public List<ArticleJsonl.LineError> errors() {
      return errors;
    }

    public void finish() {
      finished = true;
    }

    public JsonObject toJson() {
      JsonArray errs = new JsonArray();
      errors.forEach(e -> errs.add(new JsonObject().put("line", e.line()).put("message", e.message())));
      return new JsonObject().put("done", done).put("total", total).put("created", created).put("updated", updated)
          .put("unchanged", unchanged).put("errors", errs).put("finished", finished);
    }

    /** The terminal progress line of the import command. */
    public String line() {
      return String.format("%d/%d baris · baru %d · diperbarui %d · sama %d · salah %d", done, total, created,
          updated, unchanged, errors.size());
    }
  }

  private static final int REPORT_EVERY = 10;

  private final ArticleStore store;

  public ArticleImporter(ArticleStore store) {
    this.store = store;
  }

  /**
   * Imports {@code lines}, the first of which is line {@code firstLine} of the file, into {@code progress}; calls
   * {@code listener} every few lines and once at the end of the chunk.
   */
  public Future<Progress> importLines(List<String> lines, int firstLine, String author, Progress progress,
                                      Consumer<Progress> listener) {
    Target eachOnItsOwn = new Target() {
      @Override
      public Future<Boolean> firstSighting(String id) {
        return Future.succeededFuture(progress.seen.add(id));
      }

      @Override
      public Future<ArticleStore.ImportOutcome> importOne(SikpArticle article) {
        return store.importOne(article, author);
      }
    };
    return importLines(lines, firstLine, eachOnItsOwn, progress, listener);
  }

  /**
   * Where the lines go and how a repeated id is recognised: each article in its own transaction with the ids in
   * memory (the command), or a whole chunk in the job's transaction with the ids stored with the job (the page).
   */
  interface Target {
    Future<Boolean> firstSighting(String id);

    Future<ArticleStore.ImportOutcome> importOne(SikpArticle article);
  }

  Future<Progress> importLines(List<String> lines, int firstLine, Target target, Progress progress,
                               Consumer<Progress> listener) {
    Promise<Progress> done = Promise.promise();
    next(lines, 0, firstLine, target, progress, listener, done);
    return done.future();
  }

  private void next(List<String> lines, int i, int firstLine, Target target, Progress p, Consumer<Progress> listener,
                    Promise<Progress> done) {
    if (i >= lines.size()) {
      listener.accept(p);
      done.complete(p);
      return;
    }
    int lineNo = firstLine + i;
    one(lines.get(i), lineNo, target, p).onComplete(ar -> {
      if (ar.failed()) {
        p.errors.add(new ArticleJsonl.LineError(lineNo, firstLine(String.valueOf(ar.cause().getMessage()))));
      }
      p.done++;
      if (p.done % REPORT_EVERY == 0) {
        listener.accept(p);
      }
      next(lines, i + 1, firstLine, target, p, listener, done);
    });
  }

  /** Parser messages run over several lines; the report keeps one line per bad input line. */
  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private Future<Void> one(String line, int lineNo, Target target, Progress p) {
    if (line == null || line.isBlank()) {
      return Future.succeededFuture();
    }
    SikpArticle article;
    try {
      article = ArticleJsonl.parse(line);
      if (!Set.of("draft", "published", "retired").contains(article.status().toLowerCase())) {
        throw new IllegalArgumentException("unknown status '" + article.status() + "'");
      }
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      p.errors.add(new ArticleJsonl.LineError(lineNo, firstLine(message)));
      return Future.succeededFuture();
    }
    SikpArticle parsed = article;
    return target.firstSighting(article.id()).compose(first -> {
      if (!first) {
        p.errors.add(new ArticleJsonl.LineError(lineNo, "duplicate id " + parsed.id()));
        return Future.succeededFuture();
      }
      return target.importOne(parsed).map(outcome -> {
        switch (outcome) {
          case CREATED -> p.created++;
          case UPDATED -> p.updated++;
          default -> p.unchanged++;
        }
        return null;
      });
    });
  }
}
