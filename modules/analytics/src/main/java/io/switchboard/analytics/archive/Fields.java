package io.switchboard.analytics.archive;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Lenient readers for values of the call hash and log lines, which may arrive parsed or as text. */
final class Fields {
  private Fields() {}

  /** Epoch ms from a number, a digit string or an ISO instant; {@code def} when absent or unreadable. */
  static long epochMillis(Object v, long def) {
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof String s && !s.isBlank()) {
      String t = s.trim();
      try {
        return (long) Double.parseDouble(t);
      } catch (NumberFormatException e) {
        try {
          return Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException ignored) {
          return def;
        }
      }
    }
    return def;
  }

  static Double number(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s && !s.isBlank()) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  static String text(Object v) {
    if (v == null) {
      return null;
    }
    String s = String.valueOf(v);
    return s.isBlank() ? null : s;
  }

  /** A Mongo date in the Vert.x client's extended JSON. */
  static JsonObject date(long epochMs) {
    return new JsonObject().put("$date", Instant.ofEpochMilli(epochMs).toString());
  }
}
