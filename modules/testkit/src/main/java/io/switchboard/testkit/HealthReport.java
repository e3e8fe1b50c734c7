package io.switchboard.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Reads a node's {@code GET /health} body, whose checks vertx-health-checks nests by name ("verticles" → "ingest"). */
public final class HealthReport {
  private HealthReport() {}

  /** The check at {@code path} (e.g. "verticles", "debouncer"), or null when the body has none there. */
  public static JsonObject check(JsonObject health, String... path) {
    JsonObject at = health;
    for (String id : path) {
      JsonArray checks = at == null ? null : at.getJsonArray("checks");
      at = null;
      if (checks != null) {
        for (Object o : checks) {
          if (o instanceof JsonObject c && id.equals(c.getString("id"))) {
            at = c;
            break;
          }
        }
      }
    }
    return at;
  }
}
