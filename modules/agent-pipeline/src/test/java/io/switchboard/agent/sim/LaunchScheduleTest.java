package io.switchboard.agent.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LaunchScheduleTest {
  @Test
  void firstCallsAreSpreadOverTheWindowOnePerSlot() {
    List<Long> offsets = LaunchSchedule.initialOffsets(40, 12_000, 1.0, 50, new Random(1));
    assertEquals(40, offsets.size());
    assertEquals(0L, offsets.get(0), "something happens at once");
    double slot = 12_000.0 / 40;
    for (int i = 1; i < offsets.size(); i++) {
      assertTrue(offsets.get(i) > offsets.get(i - 1), "ascending, no two together: " + offsets);
      assertTrue(offsets.get(i) >= slot * i && offsets.get(i) <= slot * (i + 1), "offset " + i + " in its slot: " + offsets.get(i));
    }
    assertTrue(offsets.get(39) > 11_000, "the last starts near the end of the window: " + offsets.get(39));
    // never more than two starts within any 500 ms
    for (int i = 2; i < offsets.size(); i++) {
      assertTrue(offsets.get(i) - offsets.get(i - 2) >= 300, "three calls within 300 ms at " + i + ": " + offsets);
    }
  }

  @Test
  void windowScalesWithSpeedAndStretchesToTheRateLimit() {
    List<Long> fast = LaunchSchedule.initialOffsets(10, 12_000, 20, 500, new Random(2));
    assertTrue(fast.get(9) <= 600 && fast.get(9) > 500, "12 s at 20x speed is 600 ms: " + fast);
    List<Long> many = LaunchSchedule.initialOffsets(5_000, 12_000, 1, 200, new Random(3));
    assertTrue(many.get(4_999) >= 24_000, "5,000 calls at 200/s take at least 25 s: " + many.get(4_999));
    assertTrue(LaunchSchedule.initialOffsets(0, 12_000, 1, 50, new Random(4)).isEmpty());
  }

  @Test
  void everyCallHasItsOwnPace() {
    Random r = new Random(5);
    double[] paces = IntStream.range(0, 200).mapToDouble(i -> LaunchSchedule.pace(r)).toArray();
    double min = java.util.Arrays.stream(paces).min().orElseThrow();
    double max = java.util.Arrays.stream(paces).max().orElseThrow();
    assertTrue(min >= LaunchSchedule.MIN_PACE && max < LaunchSchedule.MAX_PACE, min + ".." + max);
    assertTrue(max / min > 1.8, "paces vary by nearly the full range: " + min + ".." + max);
  }
}
