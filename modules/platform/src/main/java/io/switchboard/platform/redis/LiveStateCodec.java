package io.switchboard.platform.redis;

import io.switchboard.contract.live.CallFields;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns Redis replies of the live-state model into the JSON the bus carries: the call hash into
 * {@code fields} (JSON and number fields parsed, see {@link CallFields}) and stream entries into
 * log lines with their {@code seq} (taken from the entry id {@code <seq>-0}).
 */
public final class LiveStateCodec {
  private LiveStateCodec() {}

  /** An HGETALL reply (RESP2 flat list or RESP3 map) as call fields. */
  public static JsonObject fields(Response hash) {
    JsonObject out = new JsonObject();
    rawFields(hash).forEach((key, raw) -> out.put(key, field(key, raw)));
    return out;
  }

  /**
   * A hash reply as Redis strings (field → value), undecoded: for comparing before decoding. HGETALL
   * arrives as a map (RESP3) or, from a Lua script or RESP2, as a flat [field, value, …] array.
   */
  public static Map<String, String> rawFields(Response hash) {
    Map<String, String> out = new LinkedHashMap<>();
    if (hash == null) {
      return out;
    }
    if (hash.isMap()) {
      for (String key : hash.getKeys()) {
        Response v = hash.get(key);
        out.put(key, v == null ? null : v.toString());
      }
      return out;
    }
    for (int i = 0; i + 1 < hash.size(); i += 2) {
      Response v = hash.get(i + 1);
      out.put(hash.get(i).toString(), v == null ? null : v.toString());
    }
    return out;
  }

  /** One hash value in its bus form. */
  public static Object field(String name, String raw) {
    if (raw == null) {
      return null;
    }
    if (CallFields.JSON_FIELDS.contains(name)) {
      if (raw.isEmpty()) {
        return null;
      }
      try {
        String t = raw.trim();
        return t.startsWith("[") ? new JsonArray(t) : new JsonObject(t);
      } catch (DecodeException e) {
        return raw;
      }
    }
    if (CallFields.NUMBER_FIELDS.contains(name) && !raw.isEmpty()) {
      try {
        return raw.contains(".") ? (Object) Double.parseDouble(raw) : (Object) Long.parseLong(raw);
      } catch (NumberFormatException e) {
        return raw;
      }
    }
    return raw;
  }

  /** An XRANGE reply as log lines in order. */
  public static JsonArray lines(Response entries) {
    JsonArray out = new JsonArray();
    if (entries == null) {
      return out;
    }
    for (Response entry : entries) {
      out.add(line(entry));
    }
    return out;
  }

  /** One stream entry {@code [id, [field, value, …]]} as a log line. */
  public static JsonObject line(Response entry) {
    String id = entry.get(0).toString();
    long seq = Long.parseLong(id.substring(0, id.indexOf('-')));
    Response kv = entry.get(1);
    String json = null;
    for (int i = 0; i + 1 < kv.size(); i += 2) {
      if ("line".equals(kv.get(i).toString())) {
        json = kv.get(i + 1).toString();
      }
    }
    return line(seq, json);
  }

  /** A stored line's JSON (null: an entry without one) as the log line of that seq. */
  public static JsonObject line(long seq, String json) {
    JsonObject line = json == null ? new JsonObject() : new JsonObject(json);
    return line.put("seq", seq);
  }
}
