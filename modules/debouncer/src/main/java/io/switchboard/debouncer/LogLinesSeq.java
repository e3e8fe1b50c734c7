package io.switchboard.debouncer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Seq helpers over an ordered array of log lines. */
final class LogLinesSeq {
  private LogLinesSeq() {}

  static long first(JsonArray lines) {
    return lines.isEmpty() ? 0 : lines.getJsonObject(0).getLong("seq");
  }

  static long last(JsonArray lines) {
    return lines.isEmpty() ? 0 : lines.getJsonObject(lines.size() - 1).getLong("seq");
  }

  /** The lines with seq greater than {@code seq}, in order. */
  static JsonArray after(JsonArray lines, long seq) {
    JsonArray out = new JsonArray();
    for (Object o : lines) {
      JsonObject line = (JsonObject) o;
      if (line.getLong("seq") > seq) {
        out.add(line);
      }
    }
    return out;
  }
}
