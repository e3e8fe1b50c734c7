package io.switchboard.contract.analytics;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Reply of {@code analytics.query}: the query as understood (normalised), the totals over the
 * whole range and one entry per bucket in time order, empty buckets included.
 */
public record KpiResult(KpiQuery query, KpiStats totals, List<KpiBucketStats> buckets) {
  public JsonObject toJson() {
    JsonArray b = new JsonArray();
    buckets.forEach(x -> b.add(x.toJson()));
    return new JsonObject()
        .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
        .put("query", query.toJson())
        .put("totals", totals.toJson())
        .put("buckets", b);
  }

  public static KpiResult fromJson(JsonObject j) {
    return new KpiResult(
        KpiQuery.fromJson(j.getJsonObject("query")),
        KpiStats.fromJson(j.getJsonObject("totals")),
        j.getJsonArray("buckets", new JsonArray()).stream().map(o -> KpiBucketStats.fromJson((JsonObject) o)).toList());
  }
}
