package io.switchboard.debouncer;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.RedisKeys;
import io.switchboard.platform.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last few agent debug events of each room, for a supervisor who opens the room late
 * (docs/architecture.md#deltas-and-late-join). The debouncer instance that publishes for a room
 * records its debug events in a capped Redis list, so whichever debouncer of the cluster answers
 * {@code call.history} returns them. Still ephemeral, never archived: recorded only while the
 * call is live, dropped by ingest when a new call starts in the room, and expired with the call's
 * other keys once it is archived (mark-archived.lua); the TTL here is the safety net for a live
 * call that goes quiet.
 */
final class DebugRings {
  private static final Logger LOG = LoggerFactory.getLogger(DebugRings.class);
  private static final LuaScript RECORD = LuaScript.fromResource(DebugRings.class, "lua/debug-ring.lua");
  private static final int TTL_SECONDS = 3600;
  private final Vertx vertx;
  private final RedisAPI redis;
  private final int size;
  private final Map<String, MessageConsumer<Object>> consumers = new HashMap<>();

  DebugRings(Vertx vertx, RedisAPI redis, int size) {
    this.vertx = vertx;
    this.redis = redis;
    this.size = size;
  }

  /** This instance publishes for the room now: record its debug events. */
  void watch(String room) {
    if (consumers.containsKey(room)) {
      return;
    }
    consumers.put(room, vertx.eventBus().<Object>consumer(Addresses.callDebug(room), m -> {
      if (m.body() instanceof JsonObject event) {
        record(room, event)
            .onFailure(err -> LOG.atDebug().addKeyValue("room", room).addKeyValue("address", Addresses.callDebug(room))
                .addKeyValue("error", err.getMessage()).log("debug event not recorded"));
      }
    }));
  }

  /**
   * Records one debug event in the room's ring; false when the room has no live call of the
   * event's session (an ended call's ring must expire with its other keys, see debug-ring.lua).
   */
  Future<Boolean> record(String room, JsonObject event) {
    String session = event.getValue("session_id") instanceof String s ? s : "";
    return RECORD.run(redis, List.of(RedisKeys.debug(room), RedisKeys.call(room)),
            List.of(event.encode(), String.valueOf(size), String.valueOf(TTL_SECONDS), session))
        .map(r -> r.toInteger() == 1);
  }

  void forget(String room) {
    MessageConsumer<Object> c = consumers.remove(room);
    if (c != null) {
      c.unregister();
    }
  }

  /** Oldest first; empty when there are none or Redis cannot say (debug events are best effort). */
  Future<JsonArray> recent(String room) {
    return redis.lrange(RedisKeys.debug(room), "0", String.valueOf(size - 1))
        .timeout(3, TimeUnit.SECONDS)
        .map(DebugRings::oldestFirst)
        .otherwise(new JsonArray());
  }

  private static JsonArray oldestFirst(Response newestFirst) {
    JsonArray out = new JsonArray();
    if (newestFirst != null) {
      for (int i = newestFirst.size() - 1; i >= 0; i--) {
        try {
          out.add(new JsonObject(newestFirst.get(i).toString()));
        } catch (RuntimeException e) {
          // not one of ours: skip it
        }
      }
    }
    return out;
  }
}
