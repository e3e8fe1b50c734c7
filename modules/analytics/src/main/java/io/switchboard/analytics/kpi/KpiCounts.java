package io.switchboard.analytics.kpi;

import io.switchboard.analytics.archive.EndReason;
import io.switchboard.analytics.archive.KpiInputs;
import io.switchboard.contract.analytics.KpiStats;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Additive KPI sums of a set of calls. Hour groups from {@link KpiPipeline} are added into buckets
 * and totals; {@link #stats()} derives averages and rates. Numbers are read loosely because
 * mongo-java-server and MongoDB may return int, long or double for the same sum.
 */
final class KpiCounts {
  long calls;
  double handleMs;
  double talkMs;
  long tookOver;
  long escalated;
  double scoreSum;
  long scored;
  long demo;
  final Map<String, Long> reasons = new LinkedHashMap<>();
  final Map<String, Long> labels = new LinkedHashMap<>();
  final long[] byHour = new long[24];

  KpiCounts() {
    EndReason.ALL.forEach(r -> reasons.put(r, 0L));
    KpiInputs.LABELS.forEach(l -> labels.put(l, 0L));
  }

  /** Adds one hour group; {@code localHour} is its local start hour. */
  void add(JsonObject group, LocalDateTime localHour) {
    long n = whole(group, "calls");
    calls += n;
    handleMs += number(group, "handle_ms");
    talkMs += number(group, "talk_ms");
    tookOver += whole(group, KpiInputs.TOOK_OVER);
    escalated += whole(group, KpiInputs.ESCALATED);
    scoreSum += number(group, KpiInputs.SCORE);
    scored += whole(group, KpiInputs.SCORED);
    demo += whole(group, KpiInputs.DEMO);
    EndReason.ALL.forEach(r -> reasons.merge(r, whole(group, KpiInputs.reasonKey(r)), Long::sum));
    KpiInputs.LABELS.forEach(l -> labels.merge(l, whole(group, KpiInputs.labelKey(l)), Long::sum));
    byHour[localHour.getHour()] += n;
  }

  KpiStats stats() {
    List<Long> hours = new ArrayList<>(24);
    for (long h : byHour) {
      hours.add(h);
    }
    return new KpiStats(
        calls,
        ratio(handleMs, calls),
        ratio(talkMs, calls),
        ratio(reasons.get(EndReason.COMPLETED), calls),
        ratio(reasons.get(EndReason.TRANSFERRED), calls),
        ratio(tookOver, calls),
        ratio(escalated, calls),
        ratio(scoreSum, scored),
        scored,
        labels,
        reasons,
        hours,
        demo);
  }

  private static Double ratio(double num, long den) {
    return den == 0 ? null : num / den;
  }

  private static double number(JsonObject j, String key) {
    Object v = j.getValue(key);
    return v instanceof Number x ? x.doubleValue() : 0.0;
  }

  private static long whole(JsonObject j, String key) {
    return Math.round(number(j, key));
  }
}
