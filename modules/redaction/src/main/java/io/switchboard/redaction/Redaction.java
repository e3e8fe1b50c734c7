package io.switchboard.redaction;

import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The redacted text and how many items of each type were replaced in it. */
public record Redaction(String text, Map<PiiType, Integer> counts) {
  public Redaction {
    counts = Collections.unmodifiableMap(counts.isEmpty() ? new EnumMap<>(PiiType.class) : new EnumMap<>(counts));
  }

  public static Redaction unchanged(String text) {
    return new Redaction(text, Map.of());
  }

  public int count(PiiType type) {
    return counts.getOrDefault(type, 0);
  }

  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Counts as {@code {card: 2, email: 1}} (types with zero left out). */
  public JsonObject countsJson() {
    JsonObject out = new JsonObject();
    counts.forEach((t, n) -> out.put(t.key(), n));
    return out;
  }
}
