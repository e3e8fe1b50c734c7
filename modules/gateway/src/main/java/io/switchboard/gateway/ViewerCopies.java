package io.switchboard.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
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
    if (l != null && l.original().equals(body)) {
      return l.redacted();
    }
    JsonObject r = redact.apply(body);
    last.put(address, new Last(body, r));
    return r;
  }
}
