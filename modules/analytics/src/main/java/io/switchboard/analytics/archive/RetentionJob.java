package io.switchboard.analytics.archive;

import io.switchboard.analytics.mongo.MongoAccess;
import io.switchboard.analytics.search.SearchWords;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the transcripts of calls that ended more than {@code retention.transcript.days} ago; every
 * KPI field stays, so dashboards over old ranges keep working. Runs every
 * {@code retention.period.ms}; a run that overlaps a slow previous one is skipped.
 */
public final class RetentionJob {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

  private final Vertx vertx;
  private final MongoClient mongo;
  private final MongoAccess access;
  private final int days;
  private final long periodMs;
  private long timer = -1;
  private boolean running;

  public RetentionJob(Vertx vertx, MongoClient mongo, MongoAccess access, int days, long periodMs) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.access = access;
    this.days = days;
    this.periodMs = periodMs;
  }

  /** Starts the periodic job; does nothing when retention is 0 (keep forever). */
  public void start() {
    if (days <= 0) {
      return;
    }
    timer = vertx.setPeriodic(Math.min(periodMs, 5_000), periodMs, id -> tick());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void tick() {
    if (running) {
      return;
    }
    running = true;
    purge(Instant.now()).onComplete(ar -> running = false);
  }

  /** Unsets transcripts of calls ended before {@code now − days}; the count of calls purged. */
  public Future<Long> purge(Instant now) {
    Instant cutoff = now.minus(Duration.ofDays(days));
    JsonObject query = new JsonObject()
        .put("ended_at", new JsonObject().put("$lt", new JsonObject().put("$date", cutoff.toString())))
        .put(ArchiveDocument.TRANSCRIPT, new JsonObject().put("$exists", true));
    JsonObject update = new JsonObject()
        .put("$unset", new JsonObject().put(ArchiveDocument.TRANSCRIPT, "").put(SearchWords.FIELD, ""))
        .put("$set", new JsonObject().put("transcript_purged_at", new JsonObject().put("$date", now.toString())));
    return access.bounded(mongo.updateCollectionWithOptions(ArchiveDocument.COLLECTION, query, update, new UpdateOptions().setMulti(true)))
        .map(r -> r.getDocModified())
        .onSuccess(n -> LOG.atInfo().addKeyValue("purged", n).addKeyValue("cutoff", cutoff).log("transcript retention run"))
        .onFailure(err -> LOG.atWarn().addKeyValue("error", MongoAccess.describe(err)).log("transcript retention run failed; retrying next period"));
  }
}
