package io.switchboard.platform.cache;

import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Caffeine builders for caches that a verticle reads and writes on its event loop. Caffeine does
 * its upkeep (the access order, expiry, eviction) a batch at a time on its executor, by default the
 * common fork-join pool: a hand-off to another thread every few dozen accesses, which woke a
 * pool thread thousands of times a second at 5,000 calls (≈ 6 µs of CPU per event,
 * bench/BOTTLENECKS.md, session 11). Here the upkeep runs on the thread that triggered it — the
 * same small batches, no wake-up. Removal listeners then run on the event loop too: keep them short.
 */
public final class EventLoopCaches {
  private EventLoopCaches() {}

  public static Caffeine<Object, Object> newBuilder() {
    return Caffeine.newBuilder().executor(Runnable::run);
  }
}
