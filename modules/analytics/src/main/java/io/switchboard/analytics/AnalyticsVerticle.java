package io.switchboard.analytics;

import io.switchboard.analytics.archive.ArchiveDocument;
import io.switchboard.analytics.archive.ArchiveRedaction;
import io.switchboard.analytics.archive.CallArchive;
import io.switchboard.analytics.archive.RetentionJob;
import io.switchboard.analytics.audit.AuditStore;
import io.switchboard.analytics.kpi.KpiService;
import io.switchboard.analytics.mongo.MongoAccess;
import io.switchboard.analytics.search.CallSearch;
import io.switchboard.analytics.search.SearchBackfill;
import io.switchboard.analytics.search.SearchConfig;
import io.switchboard.contract.Addresses;
import io.switchboard.contract.BusErrors;
import io.switchboard.contract.VerticleName;
import io.switchboard.contract.analytics.AuditQuery;
import io.switchboard.contract.analytics.AuditRecord;
import io.switchboard.contract.analytics.CallSearchQuery;
import io.switchboard.contract.analytics.KpiQuery;
import io.switchboard.platform.config.NodeIdentity;
import io.switchboard.platform.config.Settings;
import io.switchboard.contract.health.HealthReply;
import io.switchboard.platform.health.HealthResponder;
import io.switchboard.contract.live.ArchivedCall;
import io.switchboard.redaction.RedactionConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;
import io.vertx.ext.mongo.MongoClient;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives ended calls to MongoDB idempotently ({@code call.ended}), answers KPI queries
 * ({@code analytics.query}), stores and pages the audit log ({@code audit.record}, {@code audit.query})
 * and drops old transcripts. Starts even when MongoDB is down: health says DOWN, requests get 503,
 * and indexes are created as soon as the database answers.
 */
public final class AnalyticsVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsVerticle.class);
  private static final long INDEX_RETRY_MS = 5_000;

  private MongoClient mongo;
  private MongoAccess access;
  private CallArchive archive;
  private KpiService kpis;
  private AuditStore audit;
  private CallSearch search;
  private RetentionJob retention;
  private ArchiveRedaction redaction;
  private String node;
  private boolean indexesReady;
  private volatile boolean stopped;

  @Override
  public Future<?> start() {
    Settings settings = Settings.of(config());
    AnalyticsConfig cfg = AnalyticsConfig.from(settings);
    node = NodeIdentity.of(vertx, settings);
    redaction = new ArchiveRedaction(RedactionConfig.from(settings));
    mongo = MongoClient.create(vertx, MongoAccess.clientConfig(cfg.mongoUrl(), cfg.mongoDb(), cfg.mongoTimeoutMs()));
    access = new MongoAccess(cfg.mongoTimeoutMs());
    archive = new CallArchive(mongo, access);
    kpis = new KpiService(mongo, access);
    audit = new AuditStore(mongo, access);
    search = new CallSearch(mongo, access, SearchConfig.from(settings));
    retention = new RetentionJob(vertx, mongo, access, cfg.transcriptRetentionDays(), cfg.retentionPeriodMs());

    retention.start();
    // first index attempt before serving: mongo-java-server races createIndexes against concurrent
    // inserts (ConcurrentModificationException); a dead database must not block start-up though
    return ensureIndexes().transform(ar -> registerConsumers());
  }

  private Future<?> registerConsumers() {
    var bus = vertx.eventBus();
    return Future.all(List.of(
        bus.<JsonObject>consumer(Addresses.CALL_ENDED, this::onCallEnded).completion(),
        bus.<JsonObject>consumer(Addresses.ANALYTICS_QUERY, this::onKpiQuery).completion(),
        bus.<JsonObject>consumer(Addresses.AUDIT_RECORD, this::onAuditRecord).completion(),
        bus.<JsonObject>consumer(Addresses.AUDIT_QUERY, this::onAuditQuery).completion(),
        bus.<JsonObject>consumer(Addresses.ARCHIVE_SEARCH, this::onSearch).completion(),
        bus.<JsonObject>consumer(Addresses.ARCHIVE_CALL, this::onArchivedCall).completion(),
        HealthResponder.register(vertx, VerticleName.ANALYTICS, node, this::health)));
  }

  /** Index creation must not block start-up on a dead database: retry until it works once. */
  private Future<?> ensureIndexes() {
    return Future.all(archive.ensureIndexes(), audit.ensureIndexes()).compose(v -> search.ensureIndexes())
        .onSuccess(v -> {
          indexesReady = true;
          // calls archived before search existed: words added in the background, once per start
          new SearchBackfill(mongo, access).run()
              .onFailure(err -> LOG.atWarn().addKeyValue("error", MongoAccess.describe(err)).log("search backfill stopped; next start resumes"));
          LOG.atInfo().addKeyValue("node", node).log("analytics indexes ready");
        })
        .onFailure(err -> {
          LOG.atWarn().addKeyValue("error", MongoAccess.describe(err)).log("analytics indexes not created yet; retrying");
          vertx.setTimer(INDEX_RETRY_MS, id -> {
            if (!stopped) {
              ensureIndexes();
            }
          });
        });
  }

  private void onCallEnded(Message<JsonObject> msg) {
    ArchivedCall parsed;
    try {
      parsed = ArchiveDocument.parse(msg.body());
    } catch (RuntimeException e) {
      msg.fail(BusErrors.BAD_REQUEST, "invalid call.ended: " + e.getMessage());
      return;
    }
    // redaction is CPU work over every line (a burst of ended calls would stall the event loop
    // and with it every MongoDB reply): on a worker, unordered
    vertx.executeBlocking(() -> redaction.apply(parsed), false)
        .onSuccess(redacted -> archive(msg, redacted))
        .onFailure(err -> msg.fail(BusErrors.BAD_REQUEST, "invalid call.ended: " + err.getMessage()));
  }

  private void archive(Message<JsonObject> msg, ArchiveRedaction.Redacted redacted) {
    ArchivedCall call = redacted.call();
    JsonObject doc;
    try {
      doc = ArchiveDocument.of(call, System.currentTimeMillis()).put(ArchiveRedaction.FIELD, redacted.counts());
    } catch (RuntimeException e) {
      msg.fail(BusErrors.BAD_REQUEST, "invalid call.ended: " + e.getMessage());
      return;
    }
    long t0 = System.nanoTime();
    archive.upsert(doc)
        .onSuccess(v -> {
          // generated demo history arrives by the hundred on a first start: not one INFO line each
          (Boolean.TRUE.equals(doc.getValue("demo")) ? LOG.atDebug() : LOG.atInfo())
              .addKeyValue("session", call.sessionId())
              .addKeyValue("room", call.room())
              .addKeyValue("call_id", doc.getString("call_id"))
              .addKeyValue("end_reason", doc.getString("end_reason"))
              .addKeyValue("ms", (System.nanoTime() - t0) / 1_000_000)
              .log("call archived");
          msg.reply(new JsonObject().put("ok", true).put("session_id", call.sessionId()).put("call_id", doc.getString("call_id")));
        })
        .onFailure(err -> {
          LOG.atWarn().addKeyValue("session", call.sessionId()).addKeyValue("error", MongoAccess.describe(err))
              .log("archive failed; sender will retry");
          MongoAccess.failUnavailable(msg, "archive", err);
        });
  }

  private void onKpiQuery(Message<JsonObject> msg) {
    serve(msg, "KPI query", KpiQuery::fromJson, kpis::query, r -> r.toJson(), "analytics");
  }

  private void onAuditRecord(Message<JsonObject> msg) {
    serve(msg, "audit record", body -> redaction.apply(AuditRecord.fromJson(body)), audit::record,
        id -> new JsonObject().put("ok", true), "audit log");
  }

  private void onAuditQuery(Message<JsonObject> msg) {
    serve(msg, "audit query", AuditQuery::fromJson, audit::query, p -> p.toJson(), "audit log");
  }

  /**
   * The path of every request but {@code call.ended}: a body that does not parse is a 400 naming
   * {@code what}; otherwise the store's answer is the reply, and a store that fails is a 503
   * naming {@code store}.
   */
  private static <Q, R> void serve(
      Message<JsonObject> msg, String what, Function<JsonObject, Q> parse, Function<Q, Future<R>> run,
      Function<R, JsonObject> reply, String store) {
    Q request;
    try {
      request = parse.apply(msg.body());
    } catch (RuntimeException e) {
      msg.fail(BusErrors.BAD_REQUEST, "invalid " + what + ": " + e.getMessage());
      return;
    }
    run.apply(request)
        .onSuccess(r -> msg.reply(reply.apply(r)))
        .onFailure(err -> MongoAccess.failUnavailable(msg, store, err));
  }

  private void onSearch(Message<JsonObject> msg) {
    long t0 = System.nanoTime();
    Future<JsonObject> page;
    try {
      page = search.search(CallSearchQuery.fromJson(msg.body()));
    } catch (RuntimeException e) {
      msg.fail(BusErrors.BAD_REQUEST, e.getMessage());
      return;
    }
    page.onSuccess(r -> {
          // no query text in the log: it is what was said on calls
          LOG.atDebug().addKeyValue("hits", r.getJsonArray("items").size()).addKeyValue("mode", r.getString("mode"))
              .addKeyValue("ms", (System.nanoTime() - t0) / 1_000_000).log("archive search");
          msg.reply(r);
        })
        .onFailure(err -> MongoAccess.failUnavailable(msg, "archive search", err));
  }

  private void onArchivedCall(Message<JsonObject> msg) {
    Object id = msg.body() == null ? null : msg.body().getValue("call_id");
    if (!(id instanceof String callId) || callId.isBlank() || callId.length() > 1024) {
      msg.fail(BusErrors.BAD_REQUEST, "call_id: required (the call_id of a search hit)");
      return;
    }
    search.call(callId)
        .onSuccess(r -> {
          if (r == null) {
            msg.fail(BusErrors.NOT_FOUND, "no archived call " + callId);
          } else {
            msg.reply(r);
          }
        })
        .onFailure(err -> MongoAccess.failUnavailable(msg, "archive", err));
  }

  private Future<HealthReply> health() {
    return access.bounded(mongo.runCommand("ping", new JsonObject().put("ping", 1)))
        .map(r -> new HealthReply(VerticleName.ANALYTICS.id(), node, true,
            new JsonObject().put("mongo", "UP").put("indexes", indexesReady ? "ready" : "pending").put("search", search.mode().id())))
        .recover(err -> Future.succeededFuture(new HealthReply(VerticleName.ANALYTICS.id(), node, false,
            new JsonObject().put("mongo", "DOWN").put("error", MongoAccess.describe(err)))));
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    if (retention != null) {
      retention.stop();
    }
    return mongo == null ? Future.succeededFuture() : mongo.close();
  }
}
