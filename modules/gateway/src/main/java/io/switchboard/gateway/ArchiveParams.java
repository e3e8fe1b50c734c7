package io.switchboard.gateway;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * The query string of {@code GET /api/calls/search} as the {@code archive.search} body. Values stay
 * text (analytics reads and validates them, so the bridge and HTTP share one set of rules and
 * messages); {@code tag} and {@code sentiment} may repeat. An unknown or repeated parameter is
 * refused here: a misspelt filter silently ignored would return the wrong calls.
 */
final class ArchiveParams {
  private ArchiveParams() {}

  static final Set<String> SINGLE = Set.of(
      "q", "agent", "language", "rule", "min_score", "max_score", "from", "to", "min_duration", "max_duration", "cursor", "limit");
  static final Set<String> REPEATABLE = Set.of("tag", "sentiment");

  /** The body; IllegalArgumentException naming the parameter. */
  static JsonObject search(MultiMap query) {
    JsonObject out = new JsonObject();
    for (String name : query.names()) {
      List<String> values = query.getAll(name);
      if (REPEATABLE.contains(name)) {
        out.put(name, new JsonArray(List.copyOf(values)));
      } else if (SINGLE.contains(name)) {
        if (values.size() > 1) {
          throw new IllegalArgumentException(name + ": given " + values.size() + " times, expected once");
        }
        out.put(name, values.get(0));
      } else {
        throw new IllegalArgumentException(name + ": unknown parameter (known: q, agent, language, sentiment, min_score, max_score, "
            + "tag, rule, from, to, min_duration, max_duration, cursor, limit)");
      }
    }
    return out;
  }
}
