package io.switchboard.gateway;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** At most {@code maxFailures} failed logins per client and user name in a sliding window. */
final class LoginThrottle {
  private final int maxFailures;
  private final long windowMs;
  private final Map<String, Deque<Long>> failures = new HashMap<>();

  LoginThrottle(int maxFailures, long windowMs) {
    this.maxFailures = maxFailures;
    this.windowMs = windowMs;
  }

  boolean blocked(String key) {
    Deque<Long> times = failures.get(key);
    if (times == null) {
      return false;
    }
    long cutoff = System.currentTimeMillis() - windowMs;
    while (!times.isEmpty() && times.peekFirst() < cutoff) {
      times.pollFirst();
    }
    if (times.isEmpty()) {
      failures.remove(key);
      return false;
    }
    return times.size() >= maxFailures;
  }

  void failed(String key) {
    if (failures.size() > 100_000) {
      failures.clear(); // bounded memory under a spray of random names
    }
    failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(System.currentTimeMillis());
  }

  void succeeded(String key) {
    failures.remove(key);
  }
}
