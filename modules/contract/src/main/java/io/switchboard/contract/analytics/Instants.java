package io.switchboard.contract.analytics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads the points in time of analytics requests: an ISO-8601 instant ({@code 2026-01-05T00:00:00Z}),
 * an ISO-8601 date-time with offset ({@code 2026-01-05T08:00:00+08:00}) or epoch milliseconds (number
 * or digit string). Anything else is rejected with a message naming the field.
 */
public final class Instants {
  private Instants() {}

  /** The instant in {@code value}, or null when absent; throws IllegalArgumentException when malformed. */
  public static Instant parse(String field, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      return null;
    }
    if (value instanceof Number n) {
      if (n.doubleValue() != n.longValue() || n.longValue() < 0) {
        throw new IllegalArgumentException(field + ": epoch milliseconds must be a non-negative whole number, got " + value);
      }
      return Instant.ofEpochMilli(n.longValue());
    }
    if (value instanceof Instant i) {
      return i;
    }
    String s = String.valueOf(value).trim();
    if (s.chars().allMatch(Character::isDigit)) {
      try {
        return Instant.ofEpochMilli(Long.parseLong(s));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(field + ": epoch milliseconds out of range: " + s);
      }
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException ignored) {
      // not a Z instant; try an explicit offset below
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field + ": expected ISO-8601 (e.g. 2026-01-05T00:00:00Z) or epoch milliseconds, got '" + s + "'");
    }
  }
}
