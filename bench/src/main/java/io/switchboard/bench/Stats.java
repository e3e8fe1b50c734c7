package io.switchboard.bench;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/** A thread-safe list of samples (microseconds) and its percentiles. */
final class Stats {
  private long[] values = new long[1024];
  private int size;

  synchronized void add(long v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  synchronized int count() {
    return size;
  }

  synchronized void clear() {
    size = 0;
  }

  /** Percentile p (0..100) in milliseconds; NaN when empty. */
  synchronized double pctMs(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] s = Arrays.copyOf(values, size);
    Arrays.sort(s);
    int i = (int) Math.ceil(p / 100.0 * size) - 1;
    return s[Math.max(0, Math.min(size - 1, i))] / 1000.0;
  }

  synchronized double meanMs() {
    if (size == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < size; i++) {
      sum += values[i];
    }
    return sum / size / 1000.0;
  }

  /** {count, p50_ms, p95_ms, p99_ms, max_ms, mean_ms}. */
  JsonObject json() {
    return new JsonObject()
        .put("count", count())
        .put("p50_ms", r(pctMs(50)))
        .put("p95_ms", r(pctMs(95)))
        .put("p99_ms", r(pctMs(99)))
        .put("max_ms", r(pctMs(100)))
        .put("mean_ms", r(meanMs()));
  }

  static Double r(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return null;
    }
    double a = Math.abs(v);
    double scale = a >= 100 ? 1 : a >= 1 ? 100 : 10000;
    return Math.round(v * scale) / scale;
  }
}
