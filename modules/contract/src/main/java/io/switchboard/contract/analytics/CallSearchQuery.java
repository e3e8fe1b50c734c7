package io.switchboard.contract.analytics;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Body of {@code archive.search}: archived calls matching every given filter, newest first, one page.
 *
 * <pre>{"v":1, "q":"refund card", "agent":"agent-a", "language":"en", "sentiment":["negative"],
 *  "min_score":-1, "max_score":-0.3, "tag":["vip"], "rule":"billing-dispute",
 *  "from":"2026-01-01T00:00:00Z", "to":"2026-02-01T00:00:00Z", "min_duration":60, "max_duration":600,
 *  "cursor":"…", "limit":20}</pre>
 *
 * <p>Values may arrive as JSON numbers/arrays (bridge) or as text (HTTP query parameters): both are
 * read. A malformed value is refused with an IllegalArgumentException whose message starts with the
 * parameter's name (the gateway answers it as a 400).
 *
 * @param q words said in the transcript (all must occur; {@code word*} matches a prefix), or null
 * @param agent exact agent name
 * @param language exact language code
 * @param sentiment call-level labels, any of them (negative, neutral, positive); empty = any
 * @param minScore inclusive lower bound on the call's sentiment score (-1..1)
 * @param maxScore inclusive upper bound on the call's sentiment score (-1..1)
 * @param tags tags the call must all carry (set by rules)
 * @param rule a rule (id or name) that must have fired on the call
 * @param from inclusive lower bound on the call's start
 * @param to exclusive upper bound on the call's start
 * @param minDurationS inclusive lower bound on the handle time, seconds
 * @param maxDurationS inclusive upper bound on the handle time, seconds
 * @param cursor the {@code next_cursor} of the previous page, or null for the first page
 * @param limit hits per page, 1..{@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT})
 */
public record CallSearchQuery(
    String q, String agent, String language, Set<String> sentiment, Double minScore, Double maxScore, List<String> tags,
    String rule, Instant from, Instant to, Long minDurationS, Long maxDurationS, String cursor, int limit) {
  public static final int MAX_LIMIT = 100;
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_Q_CHARS = 200;
  public static final int MAX_TAGS = 10;
  private static final int MAX_NAME_CHARS = 128;
  private static final int MAX_CURSOR_CHARS = 512;
  public static final Set<String> LABELS = Set.of("negative", "neutral", "positive");

  public CallSearchQuery {
    q = blankToNull(q);
    if (q != null && q.length() > MAX_Q_CHARS) {
      throw new IllegalArgumentException("q: at most " + MAX_Q_CHARS + " characters, got " + q.length());
    }
    agent = name("agent", agent);
    language = name("language", language);
    rule = name("rule", rule);
    sentiment = sentiment == null ? Set.of() : Set.copyOf(sentiment);
    for (String s : sentiment) {
      if (!LABELS.contains(s)) {
        throw new IllegalArgumentException("sentiment: expected negative, neutral or positive, got '" + s + "'");
      }
    }
    score("min_score", minScore);
    score("max_score", maxScore);
    if (minScore != null && maxScore != null && minScore > maxScore) {
      throw new IllegalArgumentException("min_score: must not be above max_score");
    }
    tags = tags == null ? List.of() : List.copyOf(tags);
    if (tags.size() > MAX_TAGS) {
      throw new IllegalArgumentException("tag: at most " + MAX_TAGS + " tags, got " + tags.size());
    }
    for (String t : tags) {
      name("tag", t);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from: must be before to");
    }
    duration("min_duration", minDurationS);
    duration("max_duration", maxDurationS);
    if (minDurationS != null && maxDurationS != null && minDurationS > maxDurationS) {
      throw new IllegalArgumentException("min_duration: must not be above max_duration");
    }
    cursor = blankToNull(cursor);
    if (cursor != null && cursor.length() > MAX_CURSOR_CHARS) {
      throw new IllegalArgumentException("cursor: not a cursor of this search");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: must be 1.." + MAX_LIMIT + ", got " + limit);
    }
  }

  /** The same query for the page after {@code nextCursor}. */
  public CallSearchQuery withCursor(String nextCursor) {
    return new CallSearchQuery(q, agent, language, sentiment, minScore, maxScore, tags, rule, from, to, minDurationS, maxDurationS,
        nextCursor, limit);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
        .put("q", q)
        .put("agent", agent)
        .put("language", language)
        .put("sentiment", new JsonArray(new ArrayList<>(sentiment)))
        .put("min_score", minScore)
        .put("max_score", maxScore)
        .put("tag", new JsonArray(tags))
        .put("rule", rule)
        .put("from", from == null ? null : from.toString())
        .put("to", to == null ? null : to.toString())
        .put("min_duration", minDurationS)
        .put("max_duration", maxDurationS)
        .put("cursor", cursor)
        .put("limit", limit);
  }

  public static CallSearchQuery fromJson(JsonObject j) {
    JsonObject b = j == null ? new JsonObject() : j;
    Long limit = whole(b, "limit");
    return new CallSearchQuery(
        string(b, "q"),
        string(b, "agent"),
        string(b, "language"),
        new LinkedHashSet<>(list(b, "sentiment")),
        decimal(b, "min_score"),
        decimal(b, "max_score"),
        list(b, "tag"),
        string(b, "rule"),
        Instants.parse("from", b.getValue("from")),
        Instants.parse("to", b.getValue("to")),
        whole(b, "min_duration"),
        whole(b, "max_duration"),
        string(b, "cursor"),
        limit == null ? DEFAULT_LIMIT : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, limit)));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String name(String field, String v) {
    String s = blankToNull(v);
    if (s != null && s.length() > MAX_NAME_CHARS) {
      throw new IllegalArgumentException(field + ": at most " + MAX_NAME_CHARS + " characters");
    }
    return s;
  }

  private static void score(String field, Double v) {
    if (v != null && (v.isNaN() || v < -1 || v > 1)) {
      throw new IllegalArgumentException(field + ": must be between -1 and 1, got " + v);
    }
  }

  private static void duration(String field, Long v) {
    if (v != null && v < 0) {
      throw new IllegalArgumentException(field + ": seconds must not be negative, got " + v);
    }
  }

  private static String string(JsonObject j, String key) {
    Object v = j.getValue(key);
    if (v != null && !(v instanceof String)) {
      throw new IllegalArgumentException(key + ": expected a string, got " + v);
    }
    return (String) v;
  }

  /** A list from a JSON array, or from text separated by commas (one HTTP parameter). */
  private static List<String> list(JsonObject j, String key) {
    Object v = j.getValue(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    Iterable<?> items = v instanceof JsonArray a ? a : List.of(v);
    for (Object o : items) {
      if (!(o instanceof String s)) {
        throw new IllegalArgumentException(key + ": expected text, got " + o);
      }
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  private static Long whole(JsonObject j, String key) {
    Object v = j.getValue(key);
    if (v == null || (v instanceof String s && s.isBlank())) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() == n.longValue()) {
      return n.longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(key + ": expected a whole number, got '" + v + "'");
  }

  private static Double decimal(JsonObject j, String key) {
    Object v = j.getValue(key);
    if (v == null || (v instanceof String s && s.isBlank())) {
      return null;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(key + ": expected a number, got '" + v + "'");
  }
}
