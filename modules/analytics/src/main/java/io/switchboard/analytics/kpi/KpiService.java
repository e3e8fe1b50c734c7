package io.switchboard.analytics.kpi;

import io.switchboard.analytics.archive.ArchiveDocument;
import io.switchboard.analytics.mongo.MongoAccess;
import io.switchboard.contract.analytics.KpiBucketStats;
import io.switchboard.contract.analytics.KpiQuery;
import io.switchboard.contract.analytics.KpiResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.AggregateOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers KPI queries: runs {@link KpiPipeline} and rolls its hour groups up into buckets and totals. */
public final class KpiService {
  private final MongoClient mongo;
  private final MongoAccess access;

  public KpiService(MongoClient mongo, MongoAccess access) {
    this.mongo = mongo;
    this.access = access;
  }

  public Future<KpiResult> query(KpiQuery q) {
    HourGrouping hours = HourGrouping.of(q);
    return access.bounded(aggregate(KpiPipeline.of(q, hours))).map(groups -> rollUp(q, hours, groups));
  }

  static KpiResult rollUp(KpiQuery q, HourGrouping hours, List<JsonObject> groups) {
    Map<String, Instant> starts = KpiBuckets.all(q);
    Map<String, KpiCounts> buckets = new LinkedHashMap<>();
    starts.keySet().forEach(k -> buckets.put(k, new KpiCounts()));
    KpiCounts totals = new KpiCounts();
    for (JsonObject g : groups) {
      LocalDateTime hour = hours.localHour(g.getValue("_id"));
      totals.add(g, hour);
      // a group outside the generated keys can only come from a zone-rule mismatch: keep it visible
      buckets.computeIfAbsent(KpiBuckets.keyOf(q.bucket(), hour), k -> new KpiCounts()).add(g, hour);
    }
    List<KpiBucketStats> out = new ArrayList<>(buckets.size());
    buckets.forEach((key, counts) -> out.add(new KpiBucketStats(key, starts.getOrDefault(key, q.from()), counts.stats())));
    return new KpiResult(q, totals.stats(), out);
  }

  private Future<List<JsonObject>> aggregate(JsonArray pipeline) {
    Promise<List<JsonObject>> done = Promise.promise();
    List<JsonObject> rows = new ArrayList<>();
    mongo.aggregateWithOptions(ArchiveDocument.COLLECTION, pipeline, new AggregateOptions().setBatchSize(5_000))
        .exceptionHandler(done::tryFail)
        .endHandler(v -> done.tryComplete(rows))
        .handler(rows::add);
    return done.future();
  }
}
