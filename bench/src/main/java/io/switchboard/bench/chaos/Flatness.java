package io.switchboard.bench.chaos;

/**
 * Whether a series sampled over a soak stays flat: the least-squares slope of the samples after
 * the warm-up, extrapolated over the run ({@code |slope| × run minutes}), must stay within an
 * allowance (a share of the series' mean plus an absolute floor for noise of small series).
 * A slope, not "last third vs first third": a steady +20 keys/min on a few thousand keys is a
 * leak however well it hides in a 10 % tolerance.
 */
record Flatness(String name, double mean, double slopePerMin, double drift, double allowed) {

  boolean ok() {
    return Math.abs(drift) <= allowed;
  }

  /**
   * @param minutes when each sample was taken (minutes), at least two distinct
   * @param values the samples
   * @param runMinutes the run's length the slope is extrapolated over
   * @param share allowed drift as a share of the mean (0.02 = 2 %)
   * @param floor allowed drift in absolute units whatever the mean
   */
  static Flatness judge(String name, double[] minutes, double[] values, double runMinutes, double share, double floor) {
    return judged(name, minutes, values, runMinutes, share, floor, Flatness::slope);
  }

  /**
   * As {@link #judge} with the Theil–Sen slope (the median of the slopes between every two
   * samples) instead of least squares: for a series that sits at a ceiling and dips now and then
   * (open files: idle pooled connections close and reopen), where a few dips early in the run tilt
   * a least-squares line although nothing grows. A leak still moves the median.
   */
  static Flatness judgeRobust(String name, double[] minutes, double[] values, double runMinutes, double share, double floor) {
    return judged(name, minutes, values, runMinutes, share, floor, Flatness::medianSlope);
  }

  private static Flatness judged(String name, double[] minutes, double[] values, double runMinutes, double share, double floor,
      java.util.function.ToDoubleBiFunction<double[], double[]> slopeOf) {
    if (minutes.length != values.length || minutes.length < 2) {
      throw new IllegalArgumentException(name + ": need at least two samples, got " + values.length);
    }
    double slope = slopeOf.applyAsDouble(minutes, values);
    double mean = mean(values);
    return new Flatness(name, mean, slope, slope * runMinutes, share * Math.abs(mean) + floor);
  }

  /** Theil–Sen: the median of {@code (y[j] - y[i]) / (x[j] - x[i])} over every pair with distinct x. */
  static double medianSlope(double[] x, double[] y) {
    java.util.List<Double> slopes = new java.util.ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        if (x[j] != x[i]) {
          slopes.add((y[j] - y[i]) / (x[j] - x[i]));
        }
      }
    }
    if (slopes.isEmpty()) {
      throw new IllegalArgumentException("all samples at the same time");
    }
    java.util.Collections.sort(slopes);
    int n = slopes.size();
    return n % 2 == 1 ? slopes.get(n / 2) : (slopes.get(n / 2 - 1) + slopes.get(n / 2)) / 2;
  }

  /** Least-squares slope of {@code y} over {@code x}. */
  static double slope(double[] x, double[] y) {
    double mx = mean(x);
    double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    if (sxx == 0) {
      throw new IllegalArgumentException("all samples at the same time");
    }
    return sxy / sxx;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s / v.length;
  }

  /** e.g. "call:log 1512 keys, +0.3/min (drift +9 over the run, allowed ±40) ✔". */
  String describe(String unit, double scale) {
    return String.format("%s %.1f%s, %+.2f%s/min (%+.1f over the run, allowed ±%.1f) %s", name, mean / scale, unit, slopePerMin / scale, unit,
        drift / scale, allowed / scale, ok() ? "✔" : "✘ not flat");
  }
}
