package io.switchboard.contract.analytics;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Body of {@code audit.query}: newest first, filtered, one page.
 *
 * <pre>{"v":1, "page":1, "size":50, "user":"alice", "action":"takeover", "room":"call-42",
 *  "from":"2026-01-01T00:00:00Z", "to":"2026-02-01T00:00:00Z"}</pre>
 *
 * @param page 1-based page number
 * @param size items per page, 1..{@value #MAX_SIZE} (default {@value #DEFAULT_SIZE})
 * @param user filter on {@code who} (exact)
 * @param action filter on the action (exact)
 * @param room filter on the room (exact)
 * @param from inclusive lower bound on {@code at}
 * @param to exclusive upper bound on {@code at}
 */
public record AuditQuery(int page, int size, String user, String action, String room, Instant from, Instant to) {
  public static final int MAX_SIZE = 200;
  public static final int DEFAULT_SIZE = 50;
  /** Deep paging is a scan: beyond this the caller should narrow the filters instead. */
  public static final int MAX_PAGE = 10_000;

  public AuditQuery {
    if (page < 1 || page > MAX_PAGE) {
      throw new IllegalArgumentException("page: must be 1.." + MAX_PAGE + ", got " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size: must be 1.." + MAX_SIZE + ", got " + size);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
    user = blankToNull(user);
    action = blankToNull(action);
    room = blankToNull(room);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  public int skip() {
    return (page - 1) * size;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
        .put("page", page)
        .put("size", size)
        .put("user", user)
        .put("action", action)
        .put("room", room)
        .put("from", from == null ? null : from.toString())
        .put("to", to == null ? null : to.toString());
  }

  public static AuditQuery fromJson(JsonObject j) {
    JsonObject body = j == null ? new JsonObject() : j;
    return new AuditQuery(
        whole(body, "page", 1),
        whole(body, "size", DEFAULT_SIZE),
        string(body, "user"),
        string(body, "action"),
        string(body, "room"),
        Instants.parse("from", body.getValue("from")),
        Instants.parse("to", body.getValue("to")));
  }

  private static int whole(JsonObject j, String key, int def) {
    Object v = j.getValue(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Number n && n.doubleValue() == n.intValue()) {
      return n.intValue();
    }
    throw new IllegalArgumentException(key + ": expected a whole number, got " + v);
  }

  private static String string(JsonObject j, String key) {
    Object v = j.getValue(key);
    if (v != null && !(v instanceof String)) {
      throw new IllegalArgumentException(key + ": expected a string, got " + v);
    }
    return (String) v;
  }
}
