package klip.sikp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.function.Supplier;
import klip.async.RerunWhenBusy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the SIKP index in step with changes committed outside this verticle (the import command, another
 * node): a change notification from PostgreSQL, or the periodic check, compares the articles' stamp with the
 * one the index was last synced to and re-syncs when it moved. Used on the SIKP verticle's context only.
 *
 * <p>The verticle's own changes commit before the index holds them, so their notification arrives while the
 * article is still being written into the index; compared then, the stamp would differ and a whole re-sync of
 * every article would follow each edit (at 50,000 articles tens of seconds on the writer thread, with the
 * next edits waiting behind it). A check asked for during an own change therefore waits for it to finish.
 */
final class IndexFreshness {
  private static final Logger log = LoggerFactory.getLogger(IndexFreshness.class);
  /** How often the store is checked for changes made outside this process (import command, other nodes). */
  static final long CHECK_EVERY_MS = 30_000;
  /** Channel of the V102 trigger on sikp_articles. */
  static final String CHANGED_CHANNEL = "sikp_changed";
  /** Notifications within this window fold into one check (an import commits in batches). */
  private static final long DEBOUNCE_MS = 200;

  private final Vertx vertx;
  private final ArticleStore store;
  private final Supplier<Future<Void>> resync;
  private final RerunWhenBusy checks = new RerunWhenBusy(this::checkOnce);
  private String stamp = "";
  private int ownChanges;
  private boolean checkAfterOwnChanges;
  private PgSubscriber subscriber;
  private long changeTimer = -1;
  private long periodic = -1;

  /** @param resync re-syncs the whole index from the store (it records the stamp through {@link #synced}) */
  IndexFreshness(Vertx vertx, ArticleStore store, Supplier<Future<Void>> resync) {
    this.vertx = vertx;
    this.store = store;
    this.resync = resync;
  }

  /**
   * Starts the periodic check and, with {@code listen}, the change notifications. Should the LISTEN
   * connection drop, the subscriber reconnects and the periodic check covers the gap.
   */
  void start(PgConnectOptions listen) {
    periodic = vertx.setPeriodic(CHECK_EVERY_MS, t -> check());
    if (listen == null) {
      return;
    }
    subscriber = PgSubscriber.subscriber(vertx, listen).reconnectPolicy(retries -> 1_000L);
    subscriber.channel(CHANGED_CHANNEL).subscribeHandler(v -> {
      // Each (re)connection: its loss (PostgreSQL restarting) is expected and handled by the reconnect policy;
      // without a handler the client would print it to stderr.
      subscriber.actualConnection().exceptionHandler(e ->
          log.info("SIKP change-notification connection lost ({}); reconnecting", e.getMessage()));
    }).handler(payload -> {
      if (changeTimer < 0) {
        changeTimer = vertx.setTimer(DEBOUNCE_MS, t -> {
          changeTimer = -1;
          check();
        });
      }
    });
    subscriber.connect().onFailure(e ->
        log.warn("SIKP change notifications unavailable ({}); relying on the periodic check", e.getMessage()));
  }

  /** The index now holds the store as of {@code now}. */
  void synced(String now) {
    stamp = now;
  }

  /**
   * Runs {@code change}, an own change to the index, holding back the checks until it is done and its stamp
   * recorded: its notification must not set off a whole re-sync.
   */
  Future<Void> own(Supplier<Future<Void>> change) {
    ownChanges++;
    Future<Void> done;
    try {
      done = change.get();
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    return done.compose(v -> store.stamp().onSuccess(this::synced).<Void>mapEmpty()
        .otherwiseEmpty())
        .onComplete(ar -> {
          if (--ownChanges == 0 && checkAfterOwnChanges) {
            checkAfterOwnChanges = false;
            check();
          }
        });
  }

  /** Re-syncs if the stamp moved; one check at a time, a check asked for meanwhile runs once afterwards. */
  void check() {
    if (ownChanges > 0) {
      checkAfterOwnChanges = true;
      return;
    }
    checks.run();
  }

  private Future<Boolean> checkOnce() {
    return store.stamp().compose(now -> {
      if (now.equals(stamp)) {
        return Future.<Void>succeededFuture();
      }
      log.info("SIKP articles changed since the last sync; re-syncing the index");
      return resync.get().onFailure(e -> log.error("SIKP re-sync failed", e));
    }).onFailure(e -> log.warn("SIKP freshness check failed: {}", e.getMessage())).map(false);
  }

  void stop() {
    vertx.cancelTimer(changeTimer);
    vertx.cancelTimer(periodic);
    if (subscriber != null) {
      subscriber.close();
    }
  }
}
