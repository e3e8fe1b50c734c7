package io.switchboard.contract.analytics;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Body of {@code analytics.query}: contact-centre KPIs of the calls that <em>started</em> in
 * {@code [from, to)}, per bucket and in total, optionally for one agent and/or one language.
 *
 * <pre>{"v":1, "from":"2026-01-01T00:00:00Z", "to":1767830400000, "bucket":"day",
 *  "agent":"agent-7", "language":"en", "tz":"Asia/Kuala_Lumpur"}</pre>
 *
 * {@code from}/{@code to}: ISO-8601 or epoch ms; {@code bucket}: hour|day|week (default day);
 * {@code tz}: IANA zone or offset for bucket boundaries and hour-of-day (default UTC).
 */
public record KpiQuery(Instant from, Instant to, KpiBucket bucket, String agent, String language, ZoneId tz) {
  public static final int MAX_FILTER_LENGTH = 200;

  public KpiQuery {
    if (from == null || to == null) {
      throw new IllegalArgumentException("from and to are required (ISO-8601 or epoch milliseconds)");
    }
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to (got from=" + from + ", to=" + to + ")");
    }
    if (bucket == null) {
      bucket = KpiBucket.DAY;
    }
    if (tz == null) {
      tz = ZoneId.of("UTC");
    }
    Duration range = Duration.between(from, to);
    if (range.compareTo(bucket.maxRange()) > 0) {
      throw new IllegalArgumentException(
          "range too long for bucket " + bucket.id() + ": " + range.toDays() + " days > " + bucket.maxRange().toDays()
              + " days; use a larger bucket or a shorter range");
    }
    agent = filter("agent", agent);
    language = filter("language", language);
  }

  private static String filter(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_FILTER_LENGTH) {
      throw new IllegalArgumentException(name + ": longer than " + MAX_FILTER_LENGTH + " characters");
    }
    return value.trim();
  }

  public JsonObject toJson() {
    JsonObject j = new JsonObject()
        .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
        .put("from", from.toString())
        .put("to", to.toString())
        .put("bucket", bucket.id())
        .put("tz", tz.getId());
    if (agent != null) {
      j.put("agent", agent);
    }
    if (language != null) {
      j.put("language", language);
    }
    return j;
  }

  /** Parses and validates; throws IllegalArgumentException with a message fit for the caller. */
  public static KpiQuery fromJson(JsonObject j) {
    if (j == null) {
      throw new IllegalArgumentException("body must be a JSON object");
    }
    Object v = j.getValue(SchemaVersion.FIELD);
    if (v != null && !(v instanceof Number n && n.intValue() == SchemaVersion.CURRENT)) {
      throw new IllegalArgumentException("v: unsupported schema version " + v + " (expected " + SchemaVersion.CURRENT + ")");
    }
    Object bucket = j.getValue("bucket");
    Object tz = j.getValue("tz");
    return new KpiQuery(
        Instants.parse("from", j.getValue("from")),
        Instants.parse("to", j.getValue("to")),
        bucket == null ? KpiBucket.DAY : KpiBucket.parse(String.valueOf(bucket)),
        text("agent", j.getValue("agent")),
        text("language", j.getValue("language")),
        tz == null ? null : zone(String.valueOf(tz)));
  }

  private static String text(String name, Object value) {
    if (value != null && !(value instanceof String)) {
      throw new IllegalArgumentException(name + ": expected a string, got " + value);
    }
    return (String) value;
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id.trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("tz: unknown time zone '" + id + "' (use an IANA id like Europe/Paris or an offset like +08:00)");
    }
  }
}
