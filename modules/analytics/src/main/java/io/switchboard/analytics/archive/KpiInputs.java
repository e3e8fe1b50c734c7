package io.switchboard.analytics.archive;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The {@code kpi_*} fields of an archived call: every KPI input as a number, so the KPI pipeline
 * is nothing but {@code $sum} of fields. Summing a stored 0/1 costs a fraction of evaluating
 * {@code $cond}/{@code $eq} per document (measured on mongo-java-server: twelve conditionals were
 * about two thirds of the pipeline time), and top-level fields resolve ~35% faster there than the
 * same values in a sub-document. Any MongoDB answers the same pipeline the same way.
 */
public final class KpiInputs {
  private KpiInputs() {}

  /** Prefix of the stored fields: {@code kpi_<key>} for each of {@link #keys()}. */
  public static final String PREFIX = "kpi_";
  public static final List<String> LABELS = List.of("negative", "neutral", "positive", "unknown");
  public static final String TOOK_OVER = "took_over";
  public static final String ESCALATED = "escalated";
  /** 1 when the call has a final sentiment score. */
  public static final String SCORED = "scored";
  /** the final sentiment score, 0 when none (so sums need no null handling). */
  public static final String SCORE = "score";
  /** 1 for a call of the generated demo history ({@code demo: true}). */
  public static final String DEMO = "demo";

  public static String reasonKey(String reason) {
    return "r_" + reason;
  }

  public static String labelKey(String label) {
    return "s_" + label;
  }

  /** Every numeric key of the sub-document, in a stable order. */
  public static List<String> keys() {
    List<String> keys = new java.util.ArrayList<>();
    EndReason.ALL.forEach(r -> keys.add(reasonKey(r)));
    LABELS.forEach(l -> keys.add(labelKey(l)));
    keys.addAll(List.of(TOOK_OVER, ESCALATED, SCORED, SCORE, DEMO));
    return keys;
  }

  /** The stored field of a key. */
  public static String field(String key) {
    return PREFIX + key;
  }

  /** The {@code kpi_*} fields to merge into the call document. */
  static JsonObject of(String reason, boolean tookOver, boolean escalated, String label, Double score) {
    JsonObject k = new JsonObject();
    EndReason.ALL.forEach(r -> k.put(field(reasonKey(r)), r.equals(reason) ? 1 : 0));
    String l = label != null && LABELS.contains(label) ? label : "unknown";
    LABELS.forEach(x -> k.put(field(labelKey(x)), x.equals(l) ? 1 : 0));
    return k.put(field(TOOK_OVER), tookOver ? 1 : 0)
        .put(field(ESCALATED), escalated ? 1 : 0)
        .put(field(SCORED), score == null ? 0 : 1)
        .put(field(SCORE), score == null ? 0.0 : score);
  }
}
