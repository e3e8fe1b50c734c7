package io.switchboard.rules.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The built-in escalation reasons of the sentiment verticle as rules ({@code builtin-rules.json}):
 * seeded into the store on first start, enabled, and used as they are while the store is out of
 * reach. Listed most urgent first (EscalationReasons.BY_URGENCY), which is the order of an alert's
 * reasons.
 */
public final class BuiltinRules {
  public static final String RESOURCE = "/io/switchboard/rules/builtin-rules.json";

  private BuiltinRules() {}

  public static List<JsonObject> load() {
    try (InputStream in = BuiltinRules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      JsonArray a = new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return a.stream().map(o -> (JsonObject) o).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
