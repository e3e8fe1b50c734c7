package io.switchboard.control;

import io.switchboard.contract.BusErrors;
import io.switchboard.platform.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.util.List;

/**
 * At most {@code max} guide messages per supervisor per room per window, counted in Redis so the
 * limit holds across every node serving {@code control.guide} (a fixed window: INCR, and PEXPIRE
 * on the first message of a window, in one script). Each guide interrupts the agent mid-sentence, so a stuck key
 * or double-click must not make it stutter.
 */
final class GuideRateLimiter {
  private static final LuaScript COUNT = LuaScript.fromResource(GuideRateLimiter.class, "guide-rate.lua");
  private final RedisAPI redis;
  private final int max;
  private final int windowMs;

  GuideRateLimiter(RedisAPI redis, int max, int windowMs) {
    this.redis = redis;
    this.max = max;
    this.windowMs = windowMs;
  }

  /** Succeeds when the message may go; fails 429 when over the limit. */
  Future<Void> admit(String room, String user) {
    String key = "ratelimit:guide:" + room + ":" + user;
    return COUNT
        .run(redis, List.of(key), List.of(String.valueOf(windowMs)))
        .recover(err -> Future.failedFuture(new ControlFailure(BusErrors.UNAVAILABLE, "Redis unavailable: " + err.getMessage())))
        .compose(
            n -> n.toLong() <= max
                ? Future.succeededFuture()
                : Future.failedFuture(
                    new ControlFailure(
                        BusErrors.TOO_MANY_REQUESTS,
                        "slow down: at most " + max + " guide messages per " + seconds() + " s for one call")));
  }

  private String seconds() {
    return windowMs % 1000 == 0 ? String.valueOf(windowMs / 1000) : String.valueOf(windowMs / 1000.0);
  }
}
