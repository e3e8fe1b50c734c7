package io.switchboard.ingest;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code perSecond} events per second for each agent key on this ingest instance, so one
 * runaway agent (a retry loop, a leaked key) cannot take the write path from the others. Limiters
 * exist only for authenticated agents, whose names come from configuration: the map is bounded by
 * the key list, not by what callers send. Never waits: over the limit is an immediate answer.
 */
final class AgentRateLimits {
  private final int perSecond;
  private final RateLimiterConfig config;
  private final Map<String, AtomicRateLimiter> byAgent = new ConcurrentHashMap<>();

  AgentRateLimits(int perSecond) {
    this.perSecond = perSecond;
    this.config = RateLimiterConfig.custom()
        .limitForPeriod(Math.max(1, perSecond))
        .limitRefreshPeriod(Duration.ofSeconds(1))
        .timeoutDuration(Duration.ZERO)
        .build();
  }

  int perSecond() {
    return perSecond;
  }

  /** 0 when the event may go, else the whole seconds until this agent's next permit. */
  long admit(String agent) {
    if (perSecond <= 0) {
      return 0;
    }
    AtomicRateLimiter limiter = byAgent.computeIfAbsent(agent, a -> (AtomicRateLimiter) RateLimiter.of("ingest-" + a, config));
    if (limiter.acquirePermission()) {
      return 0;
    }
    long nanos = limiter.getDetailedMetrics().getNanosToWait();
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }
}
