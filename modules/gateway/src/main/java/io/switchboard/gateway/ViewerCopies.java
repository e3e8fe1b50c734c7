package io.switchboard.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The viewer copy of a message is made once per message and address, not once per viewer socket.
 * The bridge hands every socket its own copy of a published delta, and redacting a 40-upsert
 * {@code calls.active} delta costs ≈ 230 µs (bench/BOTTLENECKS.md): with 200 viewer dashboards
 * that was the whole node. Each address keeps its last (original, redacted) pair; a socket whose
 * body equals the original gets the same redacted object (read-only from then on: the bridge only
 * encodes it). Every viewer therefore sees the same redaction of a delta, also when the redactor's
 * per-room context (the agent's last line) moved on while the first copy was made.
 */
final class ViewerCopies {
  private record Last(JsonObject original, JsonObject redacted) {}

  private final UnaryOperator<JsonObject> redact;
  // one entry per recently published address; a room's entry goes once its deltas stop
  private final Cache<String, Last> last = Caffeine.newBuilder().maximumSize(20_000).expireAfterAccess(Duration.ofSeconds(30)).build();

  ViewerCopies(UnaryOperator<JsonObject> redact) {
    this.redact = redact;
  }

  JsonObject redacted(String address, JsonObject body) {
    Last l = last.getIfPresent(address);
    if (l != null && same(l.original(), body)) {
      return l.redacted();
    }
    JsonObject r = redact.apply(body);
    last.put(address, new Last(body, r));
    return r;
  }

  /**
   * Whether two JSON trees hold the same values, compared by their members' own equals (a copy
   * keeps each leaf's type). Cheaper than {@code JsonObject.equals}, which converts numbers; a
   * "no" for JSON-equal values of different Java types only costs one more redaction.
   */
  static boolean same(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a instanceof JsonObject x && b instanceof JsonObject y) {
      Map<String, Object> xm = x.getMap();
      Map<String, Object> ym = y.getMap();
      if (xm.size() != ym.size()) {
        return false;
      }
      for (Map.Entry<String, Object> e : xm.entrySet()) {
        Object other = ym.get(e.getKey());
        if ((other == null && !ym.containsKey(e.getKey())) || !same(e.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof JsonArray x && b instanceof JsonArray y) {
      List<Object> xl = x.getList();
      List<Object> yl = y.getList();
      if (xl.size() != yl.size()) {
        return false;
      }
      for (int i = 0; i < xl.size(); i++) {
        if (!same(xl.get(i), yl.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map || a instanceof List || b instanceof Map || b instanceof List) {
      return false; // an unwrapped map or list: leave it to a fresh redaction
    }
    return a != null && a.equals(b);
  }
}
