package io.switchboard.contract.sentiment;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonObject;

/**
 * Published on {@code alerts} for every supervisor when a call escalates.
 *
 * @param room room name
 * @param sessionId call session
 * @param reason machine reason (human_requested, cancel_threat, profanity, negative_streak,
 *     repeated_complaint, agent_latency)
 * @param detail human-readable explanation (no transcript text)
 * @param seq log seq of the utterance that triggered it
 * @param at epoch millis
 */
public record Alert(String room, String sessionId, String reason, String detail, long seq, long at) {
  public JsonObject toJson() {
    return new JsonObject()
        .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
        .put("room", room)
        .put("session_id", sessionId)
        .put("reason", reason)
        .put("detail", detail)
        .put("seq", seq)
        .put("at", at);
  }

  public static Alert fromJson(JsonObject j) {
    return new Alert(
        j.getString("room"), j.getString("session_id"), j.getString("reason"), j.getString("detail"), j.getLong("seq", 0L), j.getLong("at", 0L));
  }
}
