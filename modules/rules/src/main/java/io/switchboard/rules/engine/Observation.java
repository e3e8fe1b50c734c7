package io.switchboard.rules.engine;

import io.switchboard.contract.live.EventType;
import io.vertx.core.json.JsonObject;

/**
 * One thing that happened in a live call, as ingest stored it ({@code rules.observe}), or a clock
 * tick (timed conditions: silence, takeover, call duration).
 *
 * @param room room name
 * @param sessionId call session
 * @param seq the log seq the event was stored under (the call's last seq when it added no line)
 * @param type the call event type's wire name, or {@link #TICK}
 * @param data the event's data
 * @param at when ingest stored it (epoch ms)
 */
public record Observation(String room, String sessionId, long seq, String type, JsonObject data, long at) {
  public static final String TICK = "tick";

  public Observation {
    data = data == null ? new JsonObject() : data;
  }

  public static Observation fromJson(JsonObject j) {
    return new Observation(
        j.getString("room"), j.getString("session_id"), j.getLong("seq", 0L), j.getString("type", ""), j.getJsonObject("data"), j.getLong("at", 0L));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("room", room)
        .put("session_id", sessionId)
        .put("seq", seq)
        .put("type", type)
        .put("data", data)
        .put("at", at);
  }

  public static Observation tick(CallState call, long now) {
    return new Observation(call.room(), call.sessionId(), call.lastSeq(), TICK, new JsonObject(), now);
  }

  public boolean is(EventType t) {
    return t.wire().equals(type);
  }

  /** A final transcript line: the speaker ("customer" for role user, else "agent") and its text, or null. */
  public String transcriptSpeaker() {
    if (!is(EventType.TRANSCRIPT) || !data.getBoolean("final", true)) {
      return null;
    }
    return "user".equals(data.getString("role")) ? "customer" : "agent";
  }

  /** The seq of the line this event is about: an annotation names the line it annotates. */
  public long lineSeq() {
    if (is(EventType.SENTIMENT) && data.getValue("seq") instanceof Number n) {
      return n.longValue();
    }
    return seq;
  }
}
