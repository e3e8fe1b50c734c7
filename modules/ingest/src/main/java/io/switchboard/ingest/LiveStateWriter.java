package io.switchboard.ingest;

import io.switchboard.contract.live.RedisKeys;
import io.switchboard.platform.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Applies an {@link EventPlan} with one atomic script call (docs/architecture.md#redis-model). */
final class LiveStateWriter {
  private static final LuaScript APPLY = LuaScript.fromResource(LiveStateWriter.class, "lua/apply-event.lua");
  private final RedisAPI redis;
  private final long timeoutMs;
  private final IngestMetrics metrics;

  LiveStateWriter(RedisAPI redis, long timeoutMs, IngestMetrics metrics) {
    this.redis = redis;
    this.timeoutMs = timeoutMs;
    this.metrics = metrics;
  }

  /** {@code force}: apply even though an earlier send_seq is still missing (the wait for it is over). */
  Future<ApplyResult> apply(String room, String sessionId, EventPlan plan, long now, boolean force) {
    String session = sessionId == null ? "" : sessionId;
    List<String> keys =
        List.of(
            RedisKeys.call(room),
            RedisKeys.log(room),
            RedisKeys.dedup(room),
            RedisKeys.ended(room),
            RedisKeys.ACTIVE_CALLS,
            RedisKeys.ARCHIVE_PENDING,
            RedisKeys.takeoverLock(room),
            RedisKeys.liveKitParticipants(room),
            RedisKeys.debug(room));
    List<String> inline = plan.inline == null ? List.of() : plan.inline.scriptArgs();
    List<String> args = new ArrayList<>(11 + inline.size() + plan.ops.size());
    args.add(room);
    args.add(session);
    args.add(plan.eventId);
    args.add(String.valueOf(now));
    args.add(plan.lineKind);
    args.add(plan.lineJson);
    args.add(plan.flags());
    args.add(plan.expectedRoomSid);
    args.add(plan.sendSeq);
    args.add(force ? "1" : "");
    args.add(String.valueOf(inline.size()));
    args.addAll(inline);
    args.addAll(plan.ops);
    return metrics.redisWrite(() -> APPLY.run(redis, keys, args).timeout(timeoutMs, TimeUnit.MILLISECONDS))
        .map(ApplyResult::from);
  }
}
