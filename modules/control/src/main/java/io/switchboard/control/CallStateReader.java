package io.switchboard.control;

import io.switchboard.contract.BusErrors;
import io.switchboard.contract.live.RedisKeys;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.HashMap;
import java.util.Map;

/** Reads a call's live state; control never writes it (changes go to ingest as events). */
final class CallStateReader {
  private final RedisAPI redis;

  CallStateReader(RedisAPI redis) {
    this.redis = redis;
  }

  /** The live call of a room: 404 when there is none, 410 when it has ended. */
  Future<CallState> requireLive(String room) {
    return redis
        .hgetall(RedisKeys.call(room))
        .recover(err -> Future.failedFuture(new ControlFailure(BusErrors.UNAVAILABLE, "Redis unavailable: " + err.getMessage())))
        .map(
            r -> {
              Map<String, String> fields = toMap(r);
              if (fields.isEmpty()) {
                throw new ControlFailure(BusErrors.NOT_FOUND, "no call in room " + room);
              }
              CallState call = CallState.from(room, fields);
              if (call.ended()) {
                throw new ControlFailure(BusErrors.GONE, "the call in room " + room + " has ended");
              }
              return call;
            });
  }

  /** HGETALL answers a map under RESP3 and a flat name/value array under RESP2: accept both. */
  static Map<String, String> toMap(Response r) {
    Map<String, String> out = new HashMap<>();
    if (r == null) {
      return out;
    }
    if (r.type() == ResponseType.MULTI && r.size() > 0 && !isMapLike(r)) {
      for (int i = 0; i + 1 < r.size(); i += 2) {
        out.put(r.get(i).toString(), r.get(i + 1).toString());
      }
      return out;
    }
    for (String k : r.getKeys()) {
      Response v = r.get(k);
      out.put(k, v == null ? null : v.toString());
    }
    return out;
  }

  private static boolean isMapLike(Response r) {
    try {
      return !r.getKeys().isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
