package io.switchboard.contract.live;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonObject;

/**
 * A command for a call's agent: {@code {v:1, id, type, room, session_id, text?, by, at}}. Sent two
 * ways: as LiveKit room data from the server (RoomService SendData, reliable, only to the agent's
 * identity, topic {@link AgentDelivery#TOPIC}; such data has no sender participant, which is how an
 * agent knows it came from the API-secret holder: it must ignore that topic from any participant),
 * and on {@code agent.<room>.control} on the bus (the Java simulator, TCP-bridge agents). {@code id}
 * is unique per command so an agent reached both ways acts once.
 *
 * <ul>
 *   <li>{@code guide}: interrupt and produce a reply from the supervisor's instruction {@code text}
 *   <li>{@code pause}: stop thinking and speaking (no LLM/TTS work) — a supervisor took over
 *   <li>{@code resume}: continue the same session with a hand-back turn (no new greeting)
 *   <li>{@code end}: end the session
 * </ul>
 */
public record AgentControl(String id, String type, String room, String sessionId, String text, String by, long at) {
  public static final String GUIDE = "guide";
  public static final String PAUSE = "pause";
  public static final String RESUME = "resume";
  public static final String END = "end";

  /** A new command with a fresh unique id. */
  public AgentControl(String type, String room, String sessionId, String text, String by, long at) {
    this(java.util.UUID.randomUUID().toString(), type, room, sessionId, text, by, at);
  }

  public JsonObject toJson() {
    JsonObject j =
        new JsonObject()
            .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
            .put("id", id)
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
        j.getString("id"),
        j.getString("type"), j.getString("room"), j.getString("session_id"), j.getString("text"), j.getString("by"), j.getLong("at", 0L));
  }
}
