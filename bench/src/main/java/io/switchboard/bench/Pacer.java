package io.switchboard.bench;

import io.vertx.core.Vertx;

/**
 * Open-loop pacing for the load generators: {@code slot} runs once for every event due at
 * {@code perSecond} since the start, checked every {@code periodMs}. A late tick catches up and
 * nothing waits for replies, so a slow node sees the offered rate, not a rate it chose itself
 * (coordinated omission). Cancel with {@code vertx.cancelTimer} on the returned id.
 */
public final class Pacer {
  private Pacer() {}

  public static long start(Vertx vertx, long periodMs, double perSecond, Runnable slot) {
    double perMs = perSecond / 1000.0;
    long t0 = System.nanoTime();
    long[] due = {0};
    return vertx.setPeriodic(periodMs, id -> {
      long target = (long) ((System.nanoTime() - t0) / 1e6 * perMs);
      while (due[0] < target) {
        due[0]++;
        slot.run();
      }
    });
  }
}
