package io.switchboard.bench.chaos;

import java.util.List;

/** Percentiles of a handful of millisecond latencies. */
final class Latencies {
  private Latencies() {}

  static long percentile(List<Long> values, double p) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  static String describe(List<Long> values) {
    if (values.isEmpty()) {
      return "none";
    }
    return "n=" + values.size() + " p50 " + percentile(values, 50) + " ms, p99 " + percentile(values, 99) + " ms, max "
        + percentile(values, 100) + " ms";
  }
}
