package io.switchboard.agent.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * When the simulator's first calls start and how fast each simulated customer and agent talk.
 * Started together, N calls greet, listen and answer in lock-step and the demo looks like a
 * metronome; spread over a window, each with its own pace, they are at different points of their
 * conversations from the first second and end (and get replaced) at different times.
 */
final class LaunchSchedule {
  /** Slowest and fastest pace of one call, as a factor of {@code simulator.speed}. */
  static final double MIN_PACE = 0.7;
  static final double MAX_PACE = 1.5;

  private LaunchSchedule() {}

  /**
   * Start offsets (ms after the simulator starts, ascending) of the first {@code calls} calls:
   * one per equal slot of the window at a random point inside it, the first at 0 so something
   * happens at once. The window is {@code staggerMs} scaled by speed, stretched to
   * {@code calls / rate} seconds when that is longer (the rate limit would spread them anyway).
   */
  static List<Long> initialOffsets(int calls, long staggerMs, double speed, double rate, Random random) {
    List<Long> out = new ArrayList<>(calls);
    if (calls <= 0) {
      return out;
    }
    double window = Math.max(staggerMs / speed, 1000.0 * (calls - 1) / Math.max(rate, 1e-9));
    double slot = window / calls;
    out.add(0L);
    for (int i = 1; i < calls; i++) {
      out.add(Math.round(slot * i + random.nextDouble() * slot));
    }
    return out;
  }

  /** A call's own pace factor in [{@link #MIN_PACE}, {@link #MAX_PACE}): its timings are divided by speed × pace. */
  static double pace(Random random) {
    return MIN_PACE + random.nextDouble() * (MAX_PACE - MIN_PACE);
  }
}
