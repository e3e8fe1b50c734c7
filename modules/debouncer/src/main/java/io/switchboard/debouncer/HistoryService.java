package io.switchboard.debouncer;

import io.switchboard.contract.BusErrors;
import io.switchboard.contract.RoomNames;
import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.CallsSnapshot;
import io.switchboard.contract.live.HistoryReply;
import io.switchboard.contract.live.HistoryRequest;
import io.switchboard.contract.live.RedisKeys;
import io.switchboard.platform.bus.SharedJsonCodec;
import io.switchboard.platform.redis.LiveStateCodec;
import io.switchboard.platform.redis.LuaScript;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Late join: {@code call.history} (snapshot + lines after a seq, paged) and {@code calls.snapshot}
 * (every live call's summary). Any debouncer instance answers; reads are consistent per call.
 */
final class HistoryService {
  private static final LuaScript SUMMARIES = LuaScript.fromResource(HistoryService.class, "lua/active-summaries.lua");
  private final Redis client;
  private final RedisAPI redis;
  private final int maxPage;

  private final DebugRings debug;

  HistoryService(io.vertx.core.eventbus.EventBus bus, Redis client, int maxPage, DebugRings debug) {
    SharedJsonCodec.register(bus);
    this.client = client;
    this.debug = debug;
    this.redis = RedisAPI.api(client);
    this.maxPage = maxPage;
  }

  void history(Message<Object> msg) {
    if (!(msg.body() instanceof JsonObject body)) {
      msg.fail(BusErrors.BAD_REQUEST, "body must be a JSON object {room, afterSeq?, limit?}");
      return;
    }
    HistoryRequest req;
    try {
      req = HistoryRequest.fromJson(body);
    } catch (ClassCastException e) {
      msg.fail(BusErrors.BAD_REQUEST, "room must be a string, afterSeq and limit numbers");
      return;
    }
    String problem = RoomNames.problem(req.room());
    if (problem != null) {
      msg.fail(BusErrors.BAD_REQUEST, problem);
      return;
    }
    if (req.afterSeq() < 0 || req.limit() < 0) {
      msg.fail(BusErrors.BAD_REQUEST, "afterSeq and limit must not be negative");
      return;
    }
    int limit = req.limit() == 0 ? maxPage : Math.min(req.limit(), maxPage);
    RoomRead.after(client, req.room(), req.afterSeq(), limit + 1)
        .timeout(3, TimeUnit.SECONDS)
        .onSuccess(
            r -> {
              JsonObject snapshot = LiveStateCodec.fields(r.get(0));
              if (snapshot.isEmpty()) {
                msg.fail(BusErrors.NOT_FOUND, "no call in room " + req.room());
                return;
              }
              JsonArray lines = LiveStateCodec.lines(r.get(1));
              boolean hasMore = lines.size() > limit;
              if (hasMore) {
                lines.remove(lines.size() - 1);
              }
              long lastSeq = lines.isEmpty() ? req.afterSeq() : LogLinesSeq.last(lines);
              debug.recent(req.room()).onComplete(recent -> SharedJsonCodec.reply(msg,
                  new HistoryReply(req.room(), snapshot.getString(CallFields.SESSION_ID), snapshot, lines, lastSeq, hasMore, recent.result()).toJson()));
            })
        .onFailure(err -> msg.fail(BusErrors.UNAVAILABLE, "live state store unavailable: " + err.getMessage()));
  }

  void snapshot(Message<Object> msg) {
    SUMMARIES.run(redis, List.of(RedisKeys.ACTIVE_CALLS, RedisKeys.ACTIVE_CALLS_VERSION), CallFields.SUMMARY_FIELDS)
        .timeout(3, TimeUnit.SECONDS)
        .onSuccess(r -> SharedJsonCodec.reply(msg, new CallsSnapshot(summaries(r.get(1)), System.currentTimeMillis(), r.get(0).toLong()).toJson()))
        .onFailure(err -> msg.fail(BusErrors.UNAVAILABLE, "live state store unavailable: " + err.getMessage()));
  }

  private static JsonArray summaries(Response r) {
    JsonArray calls = new JsonArray();
    for (int i = 0; i + 1 < r.size(); i += 2) {
      Response values = r.get(i + 1);
      JsonObject summary = new JsonObject();
      for (int f = 0; f < CallFields.SUMMARY_FIELDS.size(); f++) {
        Response v = values.get(f);
        String name = CallFields.SUMMARY_FIELDS.get(f);
        summary.put(name, LiveStateCodec.field(name, v == null ? null : v.toString()));
      }
      if (summary.getString(CallFields.SESSION_ID) != null) {
        summary.put(CallFields.ROOM, r.get(i).toString());
        calls.add(summary);
      }
    }
    return calls;
  }
}
