package io.switchboard.bench.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class SoakVerdictTest {
  private static final long WARMUP_S = 240;

  /** A 30-minute soak at 1,000 calls sampled every minute: the key classes, live heap and archive lag of minute i. */
  private static List<SoakSample> soak(IntFunction<Map<String, KeyCensus.Count>> classes, IntFunction<Long> liveHeap, IntFunction<Long> pending) {
    List<SoakSample> out = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      Map<String, KeyCensus.Count> byClass = classes.apply(i);
      long total = byClass.values().stream().mapToLong(KeyCensus.Count::keys).sum();
      KeyCensus.Census c = new KeyCensus.Census(byClass, pending.apply(i), 1000, new KeyCensus.RedisView(total, total - 2000, 5));
      out.add(new SoakSample(i * 60L, liveHeap.apply(i) + 20_000_000, liveHeap.apply(i), 140 + i % 2, 1000, 1000 + 500L * i, 500L * i, 0, c));
    }
    return out;
  }

  /** Steady state: 1,000 live calls and ~500 ended ones (hash, log, dedup), tombstones piling up with their 24 h TTL. */
  private static Map<String, KeyCensus.Count> steady(int minute) {
    Map<String, KeyCensus.Count> m = new TreeMap<>();
    long ended = 500 + (minute % 3 == 0 ? 25 : -12); // churn noise
    m.put(KeyCensus.CALL, new KeyCensus.Count(1000 + ended, 1000));
    m.put(KeyCensus.CALL_LOG, new KeyCensus.Count(1000 + ended, 1000));
    m.put(KeyCensus.CALL_DEDUP, new KeyCensus.Count(1000 + ended, 1000));
    m.put(KeyCensus.CALL_ENDED, new KeyCensus.Count(500L * minute, 0));
    m.put("active_calls", new KeyCensus.Count(1, 1));
    m.put("debouncer:lease", new KeyCensus.Count(32, 0));
    return m;
  }

  private static long flatHeap(int minute) {
    return 30_000_000L + (minute % 2 == 0 ? 1_500_000 : -1_500_000);
  }

  /** The slope checks that failed, by name (a key class by itself). */
  private static List<String> failing(SoakVerdict v) {
    return v.checks().stream().filter(c -> !c.ok()).map(Flatness::name).toList();
  }

  @Test
  void aSteadySoakIsFlatThoughTombstonesPileUp() {
    SoakVerdict v = SoakVerdict.judge(soak(SoakVerdictTest::steady, SoakVerdictTest::flatHeap, i -> (long) (i % 4)), WARMUP_S, 30);
    assertTrue(v.ok(), v.describe(WARMUP_S));
    assertEquals(List.of(), failing(v));
  }

  @Test
  void oneClassGrowingTwentyKeysPerMinuteIsNotFlat() {
    SoakVerdict v = SoakVerdict.judge(soak(i -> {
      Map<String, KeyCensus.Count> m = steady(i);
      m.put(KeyCensus.CALL_DEBUG, new KeyCensus.Count(100 + 20L * i, 0)); // expires, but later than the run
      return m;
    }, SoakVerdictTest::flatHeap, i -> 0L), WARMUP_S, 30);
    assertFalse(v.ok(), v.describe(WARMUP_S));
    assertEquals(List.of("Redis keys besides :ended tombstones", "call:debug"), failing(v), v.describe(WARMUP_S));
  }

  @Test
  void keysWithoutTtlGrowingIsNotFlat() {
    // ended calls never archived: their keys keep no TTL and pile up
    SoakVerdict v = SoakVerdict.judge(soak(i -> {
      Map<String, KeyCensus.Count> m = steady(i);
      m.put(KeyCensus.CALL, new KeyCensus.Count(m.get(KeyCensus.CALL).keys() + 7L * i, 1000 + 7L * i));
      return m;
    }, SoakVerdictTest::flatHeap, i -> 7L * i), WARMUP_S, 30);
    assertFalse(v.ok(), v.describe(WARMUP_S));
    assertTrue(failing(v).containsAll(List.of("Redis keys without a TTL", "archive:pending", "call")), v.describe(WARMUP_S));
  }

  @Test
  void tombstonesWithoutTtlAreALeak() {
    SoakVerdict v = SoakVerdict.judge(soak(i -> {
      Map<String, KeyCensus.Count> m = steady(i);
      m.put(KeyCensus.CALL_ENDED, new KeyCensus.Count(500L * i, 3));
      return m;
    }, SoakVerdictTest::flatHeap, i -> 0L), WARMUP_S, 30);
    assertFalse(v.ok(), v.describe(WARMUP_S));
    assertEquals(List.of(), failing(v), "every slope is flat: the tombstones' own check fails");
    assertTrue(v.findings().contains(":ended tombstones without a TTL: 3 ✘ never expire"), v.describe(WARMUP_S));
  }

  @Test
  void aGrowingHeapIsNotFlat() {
    // +1 MB/min of live heap: 30 MB over the run against 20 % of ~45 MB + 8 MB allowed
    SoakVerdict v = SoakVerdict.judge(soak(SoakVerdictTest::steady, i -> 30_000_000L + 1_000_000L * i, i -> 0L), WARMUP_S, 30);
    assertFalse(v.ok(), v.describe(WARMUP_S));
    assertEquals(List.of("live heap after GC"), failing(v));
  }

  @Test
  void tooFewSamplesAfterTheWarmUpFail() {
    List<SoakSample> all = soak(SoakVerdictTest::steady, SoakVerdictTest::flatHeap, i -> 0L).subList(0, 5);
    assertFalse(SoakVerdict.judge(all, WARMUP_S, 5).ok());
  }
}
