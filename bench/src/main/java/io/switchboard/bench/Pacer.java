package io.switchboard.bench;

import io.vertx.core.Vertx;

/**
 * Open-loop pacing for the load generators: {@code slot} runs once for every event due at
 * {@code perSecond} since the start, checked every {@code periodMs}. A late tick catches up and
 * nothing waits for replies, so a slow node sees the offered rate, not a rate it chose itself
 * (coordinated omission). A generator holds one from construction and starts it when its run
 * begins; {@link #stop()} is safe before a start and twice.
 */
public final class Pacer {
  private final Vertx vertx;
  private final long periodMs;
  private long timer = -1;

  public Pacer(Vertx vertx, long periodMs) {
    this.vertx = vertx;
    this.periodMs = periodMs;
  }

  /** Runs {@code slot} at {@code perSecond} until {@link #stop()}. */
  public void start(double perSecond, Runnable slot) {
    double perMs = perSecond / 1000.0;
    long t0 = System.nanoTime();
    long[] due = {0};
    stop();
    timer = vertx.setPeriodic(periodMs, id -> {
      long target = (long) ((System.nanoTime() - t0) / 1e6 * perMs);
      while (due[0] < target) {
        due[0]++;
        slot.run();
      }
    });
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
