package io.switchboard.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import io.switchboard.platform.cache.EventLoopCaches;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code maxFailures} failed logins per client and user name in a sliding window. The
 * failures live in a Caffeine cache bounded to {@code maxKeys} entries (W-TinyLFU: a key that keeps
 * failing is kept in preference to one-off names, so spraying random names neither grows memory
 * nor easily washes out a throttled key) that forgets a key one window after its last failure.
 * One instance serves one gateway verticle instance, i.e. one event loop.
 */
final class LoginThrottle {
  static final int DEFAULT_MAX_KEYS = 100_000;
  private final int maxFailures;
  private final long windowMs;
  private final Cache<String, Deque<Long>> failures;

  LoginThrottle(int maxFailures, long windowMs) {
    this(maxFailures, windowMs, DEFAULT_MAX_KEYS);
  }

  LoginThrottle(int maxFailures, long windowMs, int maxKeys) {
    this.maxFailures = maxFailures;
    this.windowMs = windowMs;
    this.failures = EventLoopCaches.newBuilder()
        .maximumSize(maxKeys)
        .expireAfterWrite(Duration.ofMillis(windowMs))
        .build();
  }

  boolean blocked(String key) {
    Deque<Long> times = failures.getIfPresent(key);
    if (times == null) {
      return false;
    }
    long cutoff = System.currentTimeMillis() - windowMs;
    while (!times.isEmpty() && times.peekFirst() < cutoff) {
      times.pollFirst();
    }
    if (times.isEmpty()) {
      failures.invalidate(key);
      return false;
    }
    return times.size() >= maxFailures;
  }

  void failed(String key) {
    Deque<Long> times = failures.get(key, k -> new ArrayDeque<>());
    times.addLast(System.currentTimeMillis());
    while (times.size() > maxFailures) {
      times.pollFirst(); // only the last maxFailures matter for the decision
    }
    failures.put(key, times); // a write: the entry lives one window past its last failure
  }

  void succeeded(String key) {
    failures.invalidate(key);
  }

  /** Keys held now (after pending evictions), for tests and metrics. */
  long size() {
    failures.cleanUp();
    return failures.estimatedSize();
  }
}
