package io.switchboard.bench.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Whether a soak stayed flat. Judged on the samples after the warm-up (one ended-call TTL plus the
 * longest call lifetime, after which every series should be level) by {@link Flatness}: the
 * least-squares slope over the run must stay within an allowance.
 *
 * <ul>
 *   <li>Redis keys besides the {@code :ended} tombstones, in total and for each key class, and the
 *       keys without a TTL: ±2 % of the mean plus 2 % of the live calls (calls in flight).
 *   <li>{@code archive:pending} (archive lag in calls): within 2 % of the live calls.
 *   <li>The {@code :ended} tombstones grow by design (one per ended session, kept 24 h so an
 *       ended session is never resurrected): judged instead by every one of them having a TTL.
 *   <li>The node's live heap after a full GC: ±20 % of the mean plus 8 MB (class loading, JIT,
 *       caches that fill once); open files: ±5 % plus 8 (pooled sockets), by the Theil–Sen slope
 *       since the count sits at the pools' ceiling and dips when idle connections close.
 * </ul>
 */
record SoakVerdict(boolean ok, List<String> findings, List<Flatness> checks) {
  static final double KEY_SHARE = 0.02;
  static final double IN_FLIGHT_SHARE = 0.02;

  static SoakVerdict judge(List<SoakSample> all, long warmupS, double runMinutes) {
    List<SoakSample> s = all.stream().filter(x -> x.atS() >= warmupS).toList();
    List<String> findings = new ArrayList<>();
    List<Flatness> checks = new ArrayList<>();
    if (s.size() < 3) {
      findings.add("fewer than 3 samples after the " + warmupS + " s warm-up: run longer ✘");
      return new SoakVerdict(false, findings, checks);
    }
    double[] t = s.stream().mapToDouble(x -> x.atS() / 60.0).toArray();
    double live = s.stream().mapToDouble(SoakSample::live).average().orElse(0);
    double inFlight = IN_FLIGHT_SHARE * live;

    Flatness heap = Flatness.judge("live heap after GC", t, series(s, SoakSample::liveHeapBytes), runMinutes, 0.20, 8e6);
    // open files sit at the pools' ceiling and dip when idle connections close: a robust slope
    Flatness files = Flatness.judgeRobust("open files", t, series(s, SoakSample::openFiles), runMinutes, 0.05, 8);
    Flatness keys = Flatness.judge("Redis keys besides :ended tombstones", t, series(s, SoakSample::keysBesidesTombstones), runMinutes, KEY_SHARE,
        inFlight);
    Flatness noTtl = Flatness.judge("Redis keys without a TTL", t, series(s, x -> x.census().byClass().values().stream()
        .mapToLong(KeyCensus.Count::noTtl).sum()), runMinutes, KEY_SHARE, inFlight);
    Flatness pending = Flatness.judge("archive:pending", t, series(s, x -> x.census().archivePending()), runMinutes, 0, inFlight);
    findings.add(heap.describe(" MB", 1e6));
    findings.add(files.describe("", 1));
    findings.add(keys.describe("", 1));
    findings.add(noTtl.describe("", 1));
    findings.add(pending.describe(" calls", 1));
    checks.addAll(List.of(heap, files, keys, noTtl, pending));

    TreeSet<String> classes = new TreeSet<>();
    s.forEach(x -> classes.addAll(x.census().byClass().keySet()));
    classes.remove(KeyCensus.CALL_ENDED);
    for (String cls : classes) {
      Flatness f = Flatness.judge(cls, t, series(s, x -> x.census().keys(cls)), runMinutes, KEY_SHARE, inFlight);
      checks.add(f);
      findings.add("class " + f.describe("", 1));
    }
    long tombstonesWithoutTtl = s.stream().mapToLong(x -> x.census().noTtl(KeyCensus.CALL_ENDED)).max().orElse(0);
    boolean tombstonesOk = tombstonesWithoutTtl == 0;
    findings.add(":ended tombstones without a TTL: " + tombstonesWithoutTtl + (tombstonesOk ? " ✔" : " ✘ never expire"));
    boolean ok = tombstonesOk && checks.stream().allMatch(Flatness::ok);
    return new SoakVerdict(ok, findings, checks);
  }

  private static double[] series(List<SoakSample> s, ToDoubleFunction<SoakSample> f) {
    return s.stream().mapToDouble(f).toArray();
  }

  String describe(long warmupS) {
    return "least-squares slope (Theil–Sen for open files) of the samples after the " + warmupS + " s warm-up, extrapolated over the run: " + String.join("; ", findings);
  }
}
