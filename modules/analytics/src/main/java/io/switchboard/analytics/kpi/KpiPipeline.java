package io.switchboard.analytics.kpi;

import io.switchboard.analytics.archive.KpiInputs;
import io.switchboard.contract.analytics.KpiQuery;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The one aggregation behind every KPI query: {@code $match} the range (+ agent/language) on the
 * indexed fields, then {@code $group} by the call's local start hour (see {@link HourGrouping})
 * summing the precomputed KPI inputs ({@link KpiInputs}: plain field sums, no per-document
 * conditionals). Hour groups roll up exactly into hour, day and
 * week buckets, totals and the hour-of-day histogram in Java, so one pass serves them all and no
 * stage outside what both mongo-java-server 1.47 and MongoDB support is needed ($sum, $add,
 * $subtract, $mod; $dateToString with timezone as fallback). No $project: on the
 * embedded server it costs a pass and saves nothing. Rates and averages are derived in Java from the sums.
 */
public final class KpiPipeline {
  private KpiPipeline() {}

  public static JsonObject match(KpiQuery q) {
    JsonObject m = new JsonObject().put("started_at", new JsonObject()
        .put("$gte", date(q.from().toString()))
        .put("$lt", date(q.to().toString())));
    if (q.agent() != null) {
      m.put("agent", q.agent());
    }
    if (q.language() != null) {
      m.put("language", q.language());
    }
    return m;
  }

  public static JsonArray of(KpiQuery q, HourGrouping hours) {
    JsonObject group = new JsonObject()
        .put("_id", hours.groupId())
        .put("calls", sum(1))
        .put("handle_ms", sum("$handle_time_ms"))
        .put("talk_ms", sum("$talk_time_ms"));
    for (String key : KpiInputs.keys()) {
      group.put(key, sum("$" + KpiInputs.field(key)));
    }
    return new JsonArray()
        .add(new JsonObject().put("$match", match(q)))
        .add(new JsonObject().put("$group", group));
  }

  private static JsonObject date(String iso) {
    return new JsonObject().put("$date", iso);
  }

  private static JsonObject sum(Object what) {
    return new JsonObject().put("$sum", what);
  }
}
