package io.switchboard.agent.provider.scripted;

import java.util.Random;

/**
 * Realistic latencies for scripted providers and simulated speech, divided by the simulator's
 * speed so a test can run a minute of calls in seconds.
 */
public final class ScriptedTimings {
  private final double speed;
  private final Random random;

  public ScriptedTimings(double speed, Random random) {
    this.speed = speed;
    this.random = random;
  }

  /** A scaled delay uniformly between the two nominal (speed 1) bounds; at least 1 ms. */
  public long between(long minMs, long maxMs) {
    long nominal = minMs + (maxMs > minMs ? (long) (random.nextDouble() * (maxMs - minMs)) : 0);
    return scale(nominal);
  }

  public long scale(long nominalMs) {
    return Math.max(1, Math.round(nominalMs / speed));
  }

  public Random random() {
    return random;
  }
}
