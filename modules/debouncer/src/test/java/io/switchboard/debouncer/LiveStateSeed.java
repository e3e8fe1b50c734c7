package io.switchboard.debouncer;

import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.RedisKeys;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes the live-state model the way ingest leaves it (docs/architecture.md, Redis model): the
 * {@code call:<room>} hash, log entries {@code <seq>-0} with a {@code line} field, and
 * {@code active_calls} scored by start time, so the debouncer is tested against real Redis data.
 */
final class LiveStateSeed {
  private final RedisAPI redis;

  LiveStateSeed(RedisAPI redis) {
    this.redis = redis;
  }

  /** Empties the Redis behind {@code redis} and returns a seed writing through it: each test starts from no live state. */
  static LiveStateSeed emptied(RedisAPI redis) {
    LiveStateSeed seed = new LiveStateSeed(redis);
    seed.flushAll();
    return seed;
  }

  /** The client this seed writes through, for the code under test to share. */
  RedisAPI api() {
    return redis;
  }

  /** Sets hash fields (name, value, name, value…). */
  LiveStateSeed fields(String room, String... nameValues) {
    List<String> args = new ArrayList<>();
    args.add(RedisKeys.call(room));
    args.addAll(List.of(nameValues));
    redis.hset(args).await();
    return this;
  }

  /** An active call of {@code session} started at {@code startedAt}, listed in active_calls. */
  LiveStateSeed call(String room, String session, long startedAt) {
    fields(room, CallFields.SESSION_ID, session, CallFields.STATUS, "active", CallFields.STARTED_AT, String.valueOf(startedAt), CallFields.LAST_SEQ, "0");
    redis.zadd(List.of(RedisKeys.ACTIVE_CALLS, String.valueOf(startedAt), room)).await();
    return this;
  }

  /** Appends transcript lines {@code from..to} (seq = entry id) and moves last_seq to {@code to}. */
  LiveStateSeed lines(String room, long from, long to) {
    for (long seq = from; seq <= to; seq++) {
      String line = new JsonObject().put("kind", "transcript").put("ts", 1000 + seq).put("role", seq % 2 == 0 ? "agent" : "user").put("text", "line " + seq).encode();
      redis.xadd(List.of(RedisKeys.log(room), RedisKeys.entryId(seq), "line", line)).await();
    }
    return fields(room, CallFields.LAST_SEQ, String.valueOf(to));
  }

  /** The call's live state is gone (archived and expired). */
  LiveStateSeed gone(String room) {
    redis.del(List.of(RedisKeys.call(room), RedisKeys.log(room))).await();
    redis.zrem(List.of(RedisKeys.ACTIVE_CALLS, room)).await();
    return this;
  }

  void flushAll() {
    redis.flushall(List.of()).await();
  }
}
