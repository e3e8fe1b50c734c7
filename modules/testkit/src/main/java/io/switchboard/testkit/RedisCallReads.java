package io.switchboard.testkit;

import io.switchboard.contract.live.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A call's live state as Redis holds it, read the way a test asserts on it: the call hash as
 * strings, the transcript log as entries (docs/architecture.md#redis-model). Blocking, for test
 * threads only.
 */
public final class RedisCallReads {
  private RedisCallReads() {}

  /** The call hash of a room, field → value in Redis order; empty when there is none. */
  public static Map<String, String> hash(RedisAPI api, String room) {
    Response r = await(api.hgetall(RedisKeys.call(room)));
    Map<String, String> out = new LinkedHashMap<>();
    for (String f : r.getKeys()) {
      out.put(f, r.get(f).toString());
    }
    return out;
  }

  /** Every entry of a room's log in order: its stream id under {@code id}, then its fields. */
  public static List<Map<String, String>> log(RedisAPI api, String room) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Response entry : await(api.xrange(List.of(RedisKeys.log(room), "-", "+")))) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("id", entry.get(0).toString());
      Response kv = entry.get(1);
      for (int i = 0; i + 1 < kv.size(); i += 2) {
        m.put(kv.get(i).toString(), kv.get(i + 1).toString());
      }
      out.add(m);
    }
    return out;
  }

  /** The lines of a room's log (each entry's {@code line} field), in order. */
  public static List<JsonObject> lines(RedisAPI api, String room) {
    List<JsonObject> out = new ArrayList<>();
    for (Map<String, String> entry : log(api, room)) {
      String line = entry.get("line");
      if (line != null) {
        out.add(new JsonObject(line));
      }
    }
    return out;
  }

  private static Response await(Future<Response> reply) {
    try {
      return reply.await(5, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("Redis did not answer within 5 s", e);
    }
  }
}
