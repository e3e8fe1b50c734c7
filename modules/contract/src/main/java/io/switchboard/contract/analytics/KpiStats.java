package io.switchboard.contract.analytics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KPIs of a set of calls (one bucket, or the whole range). Averages and rates are null when
 * there is nothing to average (no calls, no scored call), so "no data" never reads as "zero".
 * Definitions: {@code docs/kpis.md}.
 *
 * @param calls call volume
 * @param ahtMs average handle time (ended_at − started_at), ms
 * @param attMs average talk time (speech derived from transcript timing), ms
 * @param completionRate share of calls with end_reason {@code completed}
 * @param transferRate share of calls transferred to a human ({@code transferred})
 * @param takeoverRate share of calls a supervisor took over at least once
 * @param escalationRate share of calls with at least one escalation
 * @param sentimentAvg average final call sentiment score in [-1, 1] over scored calls
 * @param sentimentScored number of calls with a final sentiment score
 * @param sentimentLabels final call sentiment label → calls (negative, neutral, positive, unknown)
 * @param endReasons normalised end reason → calls
 * @param callsByHour 24 counts: calls by local hour-of-day of their start (busiest hours)
 * @param demoCalls calls of the generated demo history ({@code demo: true} on the archived call),
 *     so a dashboard can mark numbers that are not real traffic
 */
public record KpiStats(
    long calls,
    Double ahtMs,
    Double attMs,
    Double completionRate,
    Double transferRate,
    Double takeoverRate,
    Double escalationRate,
    Double sentimentAvg,
    long sentimentScored,
    Map<String, Long> sentimentLabels,
    Map<String, Long> endReasons,
    List<Long> callsByHour,
    long demoCalls) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("calls", calls)
        .put("aht_ms", ahtMs)
        .put("att_ms", attMs)
        .put("completion_rate", completionRate)
        .put("transfer_rate", transferRate)
        .put("takeover_rate", takeoverRate)
        .put("escalation_rate", escalationRate)
        .put("sentiment_avg", sentimentAvg)
        .put("sentiment_scored", sentimentScored)
        .put("sentiment_labels", new JsonObject(new LinkedHashMap<>(sentimentLabels)))
        .put("end_reasons", new JsonObject(new LinkedHashMap<>(endReasons)))
        .put("calls_by_hour", new JsonArray(List.copyOf(callsByHour)))
        .put("demo_calls", demoCalls);
  }

  public static KpiStats fromJson(JsonObject j) {
    return new KpiStats(
        j.getLong("calls", 0L),
        j.getDouble("aht_ms"),
        j.getDouble("att_ms"),
        j.getDouble("completion_rate"),
        j.getDouble("transfer_rate"),
        j.getDouble("takeover_rate"),
        j.getDouble("escalation_rate"),
        j.getDouble("sentiment_avg"),
        j.getLong("sentiment_scored", 0L),
        counts(j.getJsonObject("sentiment_labels")),
        counts(j.getJsonObject("end_reasons")),
        j.getJsonArray("calls_by_hour", new JsonArray()).stream().map(o -> ((Number) o).longValue()).toList(),
        j.getLong("demo_calls", 0L));
  }

  private static Map<String, Long> counts(JsonObject o) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (o != null) {
      o.forEach(e -> out.put(e.getKey(), ((Number) e.getValue()).longValue()));
    }
    return out;
  }
}
