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
import io.vertx.core.Vertx;
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
  /** Stream entries from which a page is decoded on a worker instead of the debouncer's event loop. */
  static final int WORKER_PAGE_ENTRIES = 100;
  private final Vertx vertx;
  private final Redis client;
  private final RedisAPI redis;
  private final int maxPage;

  private final DebugRings debug;

  HistoryService(Vertx vertx, Redis client, int maxPage, DebugRings debug) {
    SharedJsonCodec.register(vertx.eventBus());
    this.vertx = vertx;
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
        .compose(r -> {
          // a late join's long page: its 2,000 entries are decoded off the loop that publishes deltas
          Response entries = r.get(1);
          return entries != null && entries.size() >= WORKER_PAGE_ENTRIES
              ? vertx.executeBlocking(() -> page(req, limit, r), false)
              : io.vertx.core.Future.succeededFuture(page(req, limit, r));
        })
        .onSuccess(page -> {
          if (page == null) {
            msg.fail(BusErrors.NOT_FOUND, "no call in room " + req.room());
            return;
          }
          debug.recent(req.room()).onComplete(recent -> SharedJsonCodec.reply(msg,
              new HistoryReply(req.room(), page.snapshot().getString(CallFields.SESSION_ID), page.snapshot(), page.lines(), page.lastSeq(), page.hasMore(), recent.result()).toJson()));
        })
        .onFailure(err -> msg.fail(BusErrors.UNAVAILABLE, "live state store unavailable: " + err.getMessage()));
  }

  /** One decoded page; null when the room has no call. */
  private static Page page(HistoryRequest req, int limit, Response r) {
    JsonObject snapshot = LiveStateCodec.fields(r.get(0));
    if (snapshot.isEmpty()) {
      return null;
    }
    JsonArray lines = LiveStateCodec.lines(r.get(1));
    boolean hasMore = lines.size() > limit;
    if (hasMore) {
      lines.remove(lines.size() - 1);
    }
    return new Page(snapshot, lines, lines.isEmpty() ? req.afterSeq() : LogLinesSeq.last(lines), hasMore);
  }

  private record Page(JsonObject snapshot, JsonArray lines, long lastSeq, boolean hasMore) {}

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
