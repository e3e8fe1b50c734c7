package io.switchboard.contract.analytics;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;

/**
 * Body of {@code audit.record} (control → analytics) and one item of an {@code audit.query} page:
 * one supervisor action and how it went.
 *
 * <pre>{"v":1, "who":"alice", "role":"supervisor", "action":"takeover", "room":"call-42",
 *  "session_id":"s-1", "args":{…}, "result":"ok", "message":null, "latency_ms":87, "at":"2026-01-05T10:00:00Z"}</pre>
 *
 * @param who user id
 * @param role viewer | supervisor | admin (as carried by the JWT)
 * @param action listen | guide | takeover | handback | transfer | end | …
 * @param room room the action targeted (may be null for actions without a room)
 * @param sessionId call session (may be null)
 * @param args the action's arguments (no secrets)
 * @param ok whether the action succeeded ({@code result}: ok | failed)
 * @param message failure reason or detail (may be null)
 * @param latencyMs how long the action took
 * @param at when it happened ({@code at}: ISO-8601 or epoch ms; the receiver's clock when absent)
 */
public record AuditRecord(
    String who, String role, String action, String room, String sessionId, JsonObject args, boolean ok, String message,
    long latencyMs, Instant at) {
  public static final int MAX_TEXT = 500;

  public AuditRecord {
    who = required("who", who);
    action = required("action", action);
    role = optional("role", role);
    room = optional("room", room);
    sessionId = optional("session_id", sessionId);
    message = message == null ? null : message.length() > 2000 ? message.substring(0, 2000) : message;
    if (latencyMs < 0) {
      throw new IllegalArgumentException("latency_ms: must be ≥ 0, got " + latencyMs);
    }
    args = args == null ? new JsonObject() : args;
  }

  private static String required(String name, String v) {
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return optional(name, v);
  }

  private static String optional(String name, String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    if (v.length() > MAX_TEXT) {
      throw new IllegalArgumentException(name + ": longer than " + MAX_TEXT + " characters");
    }
    return v.trim();
  }

  public String result() {
    return ok ? "ok" : "failed";
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
        .put("who", who)
        .put("role", role)
        .put("action", action)
        .put("room", room)
        .put("session_id", sessionId)
        .put("args", args)
        .put("result", result())
        .put("message", message)
        .put("latency_ms", latencyMs)
        .put("at", at.toString());
  }

  /** Parses and validates; {@code now} stamps a record without {@code at}. */
  public static AuditRecord fromJson(JsonObject j, Instant now) {
    if (j == null) {
      throw new IllegalArgumentException("body must be a JSON object");
    }
    String result = String.valueOf(j.getValue("result", "ok")).toLowerCase(Locale.ROOT);
    if (!result.equals("ok") && !result.equals("failed")) {
      throw new IllegalArgumentException("result: expected ok|failed, got '" + j.getValue("result") + "'");
    }
    Object latency = j.getValue("latency_ms", 0);
    if (!(latency instanceof Number)) {
      throw new IllegalArgumentException("latency_ms: expected a number, got " + latency);
    }
    Object args = j.getValue("args");
    if (args != null && !(args instanceof JsonObject)) {
      throw new IllegalArgumentException("args: expected a JSON object");
    }
    Instant at = Instants.parse("at", j.getValue("at"));
    return new AuditRecord(
        string(j, "who"),
        string(j, "role"),
        string(j, "action"),
        string(j, "room"),
        string(j, "session_id"),
        (JsonObject) args,
        result.equals("ok"),
        string(j, "message"),
        ((Number) latency).longValue(),
        at == null ? now : at);
  }

  public static AuditRecord fromJson(JsonObject j) {
    return fromJson(j, Instant.now());
  }

  private static String string(JsonObject j, String key) {
    Object v = j.getValue(key);
    if (v != null && !(v instanceof String)) {
      throw new IllegalArgumentException(key + ": expected a string, got " + v);
    }
    return (String) v;
  }
}
