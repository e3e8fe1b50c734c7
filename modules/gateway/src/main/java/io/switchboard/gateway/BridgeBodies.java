package io.switchboard.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import io.switchboard.platform.cache.EventLoopCaches;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the SockJS bridge writes as the body of a published message, made once per message and
 * address instead of once per socket: the viewer redaction and the JSON encoding. The bridge
 * hands every socket its own envelope and encodes it per socket; for a {@code calls.active} delta
 * redaction cost ≈ 230 µs and encoding ≈ 35 µs per socket, most of it formatting the same doubles
 * again (bench/BOTTLENECKS.md), which at 200 dashboards was more than the node had. Each address
 * keeps its last message: a socket whose body is that message (the same object, as
 * {@code SharedJsonCodec} delivers it, or an equal one) gets the same redacted copy and the same
 * encoded text ({@link RawJson}, written verbatim into the envelope). Every viewer therefore sees
 * the same redaction of a delta, also when the redactor's per-room context (the agent's last line)
 * moved on while the first copy was made.
 */
final class BridgeBodies {
  /** One address's last message and what was made from it so far (one gateway instance's event loop). */
  private static final class Last {
    final JsonObject original;
    JsonObject redacted;
    Object encoded;
    Object encodedRedacted;

    Last(JsonObject original) {
      this.original = original;
    }
  }

  private final UnaryOperator<JsonObject> redact;
  // one entry per recently published address; a room's entry goes once its deltas stop
  private final Cache<String, Last> last = EventLoopCaches.newBuilder().maximumSize(20_000).expireAfterAccess(Duration.ofSeconds(30)).build();
  private long redactions;
  private long encodings;

  BridgeBodies(UnaryOperator<JsonObject> redact) {
    this.redact = redact;
  }

  /** The redacted copy of {@code body} for a viewer (made once per message and address). */
  JsonObject redacted(String address, JsonObject body) {
    return redacted(lastFor(address, body));
  }

  /**
   * The envelope body for one socket: the message encoded once ({@link RawJson}), redacted first
   * for a viewer; the plain object where the JSON codec cannot write raw values.
   */
  Object forSocket(String address, JsonObject body, boolean viewer) {
    Last l = lastFor(address, body);
    if (viewer) {
      if (l.encodedRedacted == null) {
        l.encodedRedacted = encoded(redacted(l));
      }
      return l.encodedRedacted;
    }
    if (l.encoded == null) {
      l.encoded = encoded(l.original);
    }
    return l.encoded;
  }

  private JsonObject redacted(Last l) {
    if (l.redacted == null) {
      redactions++;
      l.redacted = redact.apply(l.original);
    }
    return l.redacted;
  }

  private Object encoded(JsonObject body) {
    encodings++;
    return RawJson.SUPPORTED ? RawJson.of(body) : body;
  }

  long redactions() {
    return redactions;
  }

  long encodings() {
    return encodings;
  }

  private Last lastFor(String address, JsonObject body) {
    Last l = last.getIfPresent(address);
    if (l != null && same(l.original, body)) {
      return l;
    }
    l = new Last(body);
    last.put(address, l);
    return l;
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
