package io.switchboard.contract.analytics;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The KPIs of one bucket.
 *
 * @param key local label in the query's zone: {@code 2026-01-05T14:00} (hour), {@code 2026-01-05}
 *     (day), or the Monday {@code 2026-01-05} that starts the week
 * @param start the bucket's first instant
 * @param stats its KPIs (a bucket without calls is present with {@code calls = 0})
 */
public record KpiBucketStats(String key, Instant start, KpiStats stats) {
  public JsonObject toJson() {
    return new JsonObject().put("key", key).put("start", start.toString()).mergeIn(stats.toJson());
  }

  public static KpiBucketStats fromJson(JsonObject j) {
    return new KpiBucketStats(j.getString("key"), Instant.parse(j.getString("start")), KpiStats.fromJson(j));
  }
}
