package klip.sikp;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import klip.config.AppConfig;
import klip.db.Database;

/**
 * {@code java -jar klip.jar sikp-import FILE}: imports a JSONL file of articles into the configured database with
 * a progress line on the terminal. Bad lines are listed with their numbers; the good ones are kept. A running
 * server re-syncs its index within 30 seconds (its freshness check sees the changed articles).
 * Exit status: 0 all lines imported, 2 some lines refused, 1 the import could not run.
 */
public final class SikpImportCommand {

  private SikpImportCommand() {
  }

  public static int run(AppConfig config, List<String> args, PrintStream out) {
    if (args.size() != 1) {
      out.println("Pemakaian (usage): java -jar klip.jar sikp-import FILE.jsonl");
      return 1;
    }
    Database database = Database.open(config.database(), config.dataDir());
    Vertx vertx = Vertx.vertx();
    Pool pool = database.pool(vertx, 2);
    try {
      return importFile(pool, Path.of(args.get(0)), out);
    } finally {
      pool.close();
      vertx.close();
      database.close();
    }
  }

  /** Imports {@code file} through {@code pool}, printing progress and bad lines to {@code out}. */
  public static int importFile(Pool pool, Path file, PrintStream out) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      out.println("Tidak dapat membaca " + file + ": " + e.getMessage());
      return 1;
    }
    try {
      ArticleImporter.Progress progress = new ArticleImporter(new ArticleStore(pool))
          .importLines(lines, 1, "import:" + System.getProperty("user.name", "cli"),
              new ArticleImporter.Progress(lines.size()), p -> out.print("\r" + p.line()))
          .await(1, TimeUnit.HOURS);
      progress.finish();
      out.println();
      progress.errors().forEach(e -> out.println("baris " + e.line() + ": " + e.message()));
      return progress.errors().isEmpty() ? 0 : 2;
    } catch (Exception e) {
      out.println();
      out.println("Impor gagal: " + e.getMessage());
      return 1;
    }
  }
}
