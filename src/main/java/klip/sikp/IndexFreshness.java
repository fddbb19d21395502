package klip.sikp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import klip.async.RerunWhenBusy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the SIKP index in step with changes committed outside this verticle (the import command, another
 * node). Each change notification from PostgreSQL names the article and the state it reached: one the index
 * already holds in that state (this verticle's own edit) is skipped, any other is re-indexed, and a burst of
 * them (an import) re-syncs the whole index. The periodic check, for notifications lost while the LISTEN
 * connection was down, compares the articles' stamp with the one the index was last synced to. Used on the
 * SIKP verticle's context only.
 *
 * <p>The verticle's own changes commit before the index holds them, so their notification usually arrives
 * while the article is still being written into the index: notifications and checks arriving during an own
 * change are held until it is done, so that it is recognised as held rather than applied a second time.
 * Another change committed meanwhile is named by its own notification and applied, never absorbed into the
 * own change's stamp.
 */
final class IndexFreshness {
  private static final Logger log = LoggerFactory.getLogger(IndexFreshness.class);
  /** How often the store is checked for changes made outside this process (import command, other nodes). */
  static final long CHECK_EVERY_MS = 30_000;
  /** Channel of the V102 trigger on sikp_articles. */
  static final String CHANGED_CHANNEL = "sikp_changed";
  /** Notifications within this window are applied together (an import commits in batches). */
  private static final long DEBOUNCE_MS = 200;
  /** More changed articles than this at once (an import) re-sync the whole index rather than one by one. */
  static final int ONE_BY_ONE = 64;

  /** What the index holds and how it is brought up to date: the SIKP verticle. */
  interface Index {
    /**
     * True when the index holds the article as stored in this state: a published article in that state, or
     * none for an article that is not published (a draft, retired or deleted).
     */
    boolean holds(String id, boolean published, String change);

    /** Makes the index reflect the stored article (through {@link #own}). */
    Future<Void> reindex(String id);

    /** Re-syncs the whole index from the store (it records the stamp through {@link #synced}). */
    Future<Void> resync();
  }

  private final Vertx vertx;
  private final ArticleStore store;
  private final Index index;
  private final RerunWhenBusy checks = new RerunWhenBusy(this::checkOnce);
  private final RerunWhenBusy resyncs;
  private String stamp = "";
  /** The stamp as a whole re-sync began reading: every change up to it is in the index. */
  private String resyncedAt = "";
  private int ownChanges;
  private boolean checkAfterOwnChanges;
  private boolean notifiedDuringOwnChanges;
  private List<String> notified = new ArrayList<>();
  private boolean tooManyNotified;
  private PgSubscriber subscriber;
  private long changeTimer = -1;
  private boolean stopped;
  private long periodic = -1;

  IndexFreshness(Vertx vertx, ArticleStore store, Index index) {
    this.vertx = vertx;
    this.store = store;
    this.index = index;
    this.resyncs = new RerunWhenBusy(() -> index.resync()
        .onFailure(e -> log.error("SIKP re-sync failed", e)).map(false));
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
      // An import of tens of thousands of articles announces each: past what is applied one by one, the
      // payloads are not kept (the whole index is re-synced anyway).
      if (notified.size() <= ONE_BY_ONE) {
        notified.add(payload);
      } else {
        tooManyNotified = true;
      }
      if (changeTimer < 0) {
        changeTimer = vertx.setTimer(DEBOUNCE_MS, t -> {
          changeTimer = -1;
          applyNotified();
        });
      }
    });
    subscriber.connect().onFailure(e ->
        log.warn("SIKP change notifications unavailable ({}); relying on the periodic check", e.getMessage()));
  }

  /** The index now holds the store as of {@code now}. */
  void synced(String now) {
    stamp = now;
    resyncedAt = now;
  }

  /**
   * Runs {@code change}, an own change to the index (one article, or a whole re-sync), holding back the checks
   * and notifications until it is done and its stamp recorded: its own notification is then recognised as held,
   * and the periodic check does not re-sync everything for it. (A change committed elsewhere meanwhile may move
   * the stamp recorded here; its own notification still brings it in.)
   */
  Future<Void> own(Supplier<Future<Void>> change) {
    ownChanges++;
    Future<Void> done;
    try {
      done = change.get();
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    return done.compose(v -> store.stamp().onSuccess(now -> stamp = now).<Void>mapEmpty()
        .otherwiseEmpty())
        .onComplete(ar -> {
          if (--ownChanges > 0) {
            return;
          }
          if (notifiedDuringOwnChanges) {
            notifiedDuringOwnChanges = false;
            applyNotified();
          }
          if (checkAfterOwnChanges) {
            checkAfterOwnChanges = false;
            check();
          }
        });
  }

  /**
   * Re-indexes the articles the notifications since the last call name in a state the index does not hold;
   * many at once, or one that cannot be read, re-sync the whole index.
   */
  private void applyNotified() {
    if (stopped) {
      return;
    }
    if (ownChanges > 0) {
      notifiedDuringOwnChanges = true;
      return;
    }
    List<String> payloads = notified;
    notified = new ArrayList<>();
    Set<String> stale = new LinkedHashSet<>();
    boolean unreadable = tooManyNotified;
    tooManyNotified = false;
    for (String payload : payloads) {
      String[] f = payload.split(" ");
      if (f.length == 2 && "deleted".equals(f[1])) {
        addIfStale(stale, f[0], false, "");
      } else if (f.length == 4) {
        addIfStale(stale, f[0], SikpArticle.PUBLISHED.equals(f[1]), f[2] + " " + f[3]);
      } else {
        unreadable = true;
      }
    }
    if (unreadable || stale.size() > ONE_BY_ONE) {
      resyncUnlessJustDone();
      return;
    }
    for (String id : stale) {
      log.info("SIKP article {} changed elsewhere; re-indexing it", id);
      index.reindex(id).onFailure(e -> {
        log.warn("SIKP article {} changed elsewhere could not be re-indexed ({}); re-syncing", id, e.getMessage());
        resyncs.run();
      });
    }
  }

  /**
   * Re-syncs the whole index, unless nothing changed since a re-sync began reading (the import that sent the
   * notifications was followed by one: the import API asks for it).
   */
  private void resyncUnlessJustDone() {
    store.stamp().onComplete(ar -> {
      if (ar.succeeded() && ar.result().equals(resyncedAt)) {
        return;
      }
      log.info("SIKP articles changed elsewhere (more than {} or unreadable); re-syncing the index", ONE_BY_ONE);
      resyncs.run();
    });
  }

  private void addIfStale(Set<String> stale, String id, boolean published, String change) {
    if (!index.holds(id, published, change)) {
      stale.add(id);
    }
  }

  /** Re-syncs if the stamp moved; one check at a time, a check asked for meanwhile runs once afterwards. */
  void check() {
    if (stopped) {
      return;
    }
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
      resyncs.run();
      return Future.<Void>succeededFuture();
    }).onFailure(e -> log.warn("SIKP freshness check failed: {}", e.getMessage())).map(false);
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(changeTimer);
    vertx.cancelTimer(periodic);
    if (subscriber != null) {
      subscriber.close();
    }
  }
}
