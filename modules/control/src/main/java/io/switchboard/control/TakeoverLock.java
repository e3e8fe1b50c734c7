package io.switchboard.control;

import io.switchboard.contract.BusErrors;
import io.switchboard.platform.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.util.List;

/**
 * Who holds a call: Redis key {@code takeover:<room>} = user id. It is the arbiter between
 * supervisors on every node (two clicks at once: exactly one wins); ingest's {@code takeover_by}
 * field is only the displayed copy. The TTL bounds a lock whose holder vanished.
 */
final class TakeoverLock {
  static final long TTL_SECONDS = 24 * 3600;
  private static final LuaScript ACQUIRE = LuaScript.fromResource(TakeoverLock.class, "takeover-acquire.lua");
  private static final LuaScript RELEASE = LuaScript.fromResource(TakeoverLock.class, "takeover-release.lua");

  /** Outcome of {@link #acquire}: {@code previous} is who held it before (null when nobody). */
  record Acquired(boolean taken, String previous) {}

  private final RedisAPI redis;

  TakeoverLock(RedisAPI redis) {
    this.redis = redis;
  }

  static String key(String room) {
    return io.switchboard.contract.live.RedisKeys.takeoverLock(room);
  }

  /** Takes the lock if free, already ours, or {@code force}d; otherwise reports the holder. */
  Future<Acquired> acquire(String room, String user, boolean force) {
    return ACQUIRE
        .run(redis, List.of(key(room)), List.of(user, String.valueOf(TTL_SECONDS), force ? "1" : "0"))
        .recover(TakeoverLock::unavailable)
        .map(r -> {
          String holder = r.get(1).toString();
          return new Acquired(r.get(0).toInteger() == 1, holder.isEmpty() ? null : holder);
        });
  }

  /** The current holder, or null. */
  Future<String> holder(String room) {
    return redis.get(key(room)).recover(TakeoverLock::unavailable).map(r -> r == null ? null : r.toString());
  }

  /** Drops the lock if {@code holder} still has it. */
  Future<Boolean> release(String room, String holder) {
    return restore(room, holder, null);
  }

  /**
   * Undoes an acquire of {@code holder}: gives the lock back to {@code previous} (a forced
   * takeover that failed) or drops it (previous null).
   */
  Future<Boolean> restore(String room, String holder, String previous) {
    return RELEASE
        .run(redis, List.of(key(room)), List.of(holder, previous == null ? "" : previous, String.valueOf(TTL_SECONDS)))
        .recover(TakeoverLock::unavailable)
        .map(r -> r.toInteger() == 1);
  }

  /** The call is over: nobody holds it any more. */
  Future<Void> clear(String room) {
    return redis.del(List.of(key(room))).recover(TakeoverLock::unavailable).mapEmpty();
  }

  private static <T> Future<T> unavailable(Throwable err) {
    return Future.failedFuture(new ControlFailure(BusErrors.UNAVAILABLE, "Redis unavailable: " + err.getMessage()));
  }
}
