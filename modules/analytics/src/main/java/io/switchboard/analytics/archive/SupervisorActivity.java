package io.switchboard.analytics.archive;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What supervisors did on a call, from its {@code supervisor} log lines (seq order): takeovers as
 * {@code {by, at, duration_ms}} (a takeover lasts until the next handback, or until the call ended
 * when never handed back), guides as {@code {by, at, text}}, and whether a supervisor ended it.
 * Actions whose {@code result} says they failed did not happen and are ignored.
 */
record SupervisorActivity(JsonArray takeovers, JsonArray guides, boolean ended) {

  static SupervisorActivity of(List<JsonObject> supervisorLines, long endedAtMs) {
    JsonArray takeovers = new JsonArray();
    JsonArray guides = new JsonArray();
    boolean ended = false;
    String openBy = null;
    long openAt = 0;
    for (JsonObject line : supervisorLines) {
      if (failed(line.getValue("result"))) {
        continue;
      }
      String action = String.valueOf(line.getValue("action", ""));
      String by = Fields.text(line.getValue("by"));
      long at = Fields.epochMillis(line.getValue("ts"), endedAtMs);
      switch (action) {
        case "takeover" -> {
          if (openBy == null) {
            openBy = by == null ? "unknown" : by;
            openAt = at;
          }
        }
        case "handback" -> {
          if (openBy != null) {
            takeovers.add(takeover(openBy, openAt, at));
            openBy = null;
          }
        }
        case "guide" -> guides.add(new JsonObject().put("by", by).put("at", Fields.date(at)).put("text", line.getString("text")));
        case "end" -> ended = true;
        default -> { /* listen, view, transfer: not KPI-relevant here */ }
      }
    }
    if (openBy != null) {
      takeovers.add(takeover(openBy, openAt, endedAtMs));
    }
    return new SupervisorActivity(takeovers, guides, ended);
  }

  private static JsonObject takeover(String by, long at, long until) {
    return new JsonObject().put("by", by).put("at", Fields.date(at)).put("duration_ms", Math.max(0, until - at));
  }

  private static boolean failed(Object result) {
    if (result instanceof JsonObject o) {
      return Boolean.FALSE.equals(o.getValue("ok")) || "failed".equals(o.getValue("status"));
    }
    if (result instanceof Boolean b) {
      return !b;
    }
    return result != null && ("failed".equalsIgnoreCase(result.toString()) || "error".equalsIgnoreCase(result.toString()));
  }
}
