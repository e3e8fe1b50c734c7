package io.switchboard.bench;

/** Wall-clock microseconds with nanoTime resolution (one anchor per JVM). */
final class Clock {
  private static final long ANCHOR_MICROS = System.currentTimeMillis() * 1000L;
  private static final long ANCHOR_NANOS = System.nanoTime();

  private Clock() {}

  static long micros() {
    return ANCHOR_MICROS + (System.nanoTime() - ANCHOR_NANOS) / 1000L;
  }
}
