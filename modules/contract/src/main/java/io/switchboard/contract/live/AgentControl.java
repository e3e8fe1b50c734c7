package io.switchboard.contract.live;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonObject;

/**
 * Published on {@code agent.<room>.control} (control → the room's agent, Java or external via the
 * TCP bridge): {@code {v:1, type, room, session_id, text?, by, at}}.
 *
 * <ul>
 *   <li>{@code guide}: interrupt and produce a reply from the supervisor's instruction {@code text}
 *   <li>{@code pause}: stop thinking and speaking (no LLM/TTS work) — a supervisor took over
 *   <li>{@code resume}: continue the same session with a hand-back turn (no new greeting)
 *   <li>{@code end}: end the session
 * </ul>
 */
public record AgentControl(String type, String room, String sessionId, String text, String by, long at) {
  public static final String GUIDE = "guide";
  public static final String PAUSE = "pause";
  public static final String RESUME = "resume";
  public static final String END = "end";

  public JsonObject toJson() {
    JsonObject j =
        new JsonObject()
            .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
            .put("type", type)
            .put("room", room)
            .put("session_id", sessionId)
            .put("by", by)
            .put("at", at);
    if (text != null) {
      j.put("text", text);
    }
    return j;
  }

  public static AgentControl fromJson(JsonObject j) {
    return new AgentControl(
        j.getString("type"), j.getString("room"), j.getString("session_id"), j.getString("text"), j.getString("by"), j.getLong("at", 0L));
  }
}
