package io.switchboard.contract.sentiment;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Published on {@code alerts} for every supervisor when a call escalates.
 *
 * <p>One alert per triggering line: {@code reasons} holds every reason that line raised (each
 * reason fires once per call), {@code reason} the most urgent of them (for older readers).
 *
 * @param room room name
 * @param sessionId call session
 * @param reason the most urgent machine reason: human_requested, legal_threat, distress, profanity,
 *     cancel_threat, chargeback, public_post, formal_complaint, strong_anger, repeated_complaint,
 *     agent_failing, rising_anger, negative_streak, agent_latency
 * @param detail human-readable explanation (no transcript text)
 * @param seq log seq of the utterance that triggered it (the dashboard jumps to that line)
 * @param at epoch millis
 * @param reasons every reason raised by that line, most urgent first (contains {@code reason})
 */
public record Alert(String room, String sessionId, String reason, String detail, long seq, long at, List<String> reasons) {
  public Alert {
    reasons = reasons == null || reasons.isEmpty() ? (reason == null ? List.of() : List.of(reason)) : List.copyOf(reasons);
  }

  /** A single-reason alert (the original six fields). */
  public Alert(String room, String sessionId, String reason, String detail, long seq, long at) {
    this(room, sessionId, reason, detail, seq, at, List.of());
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
        .put("room", room)
        .put("session_id", sessionId)
        .put("reason", reason)
        .put("detail", detail)
        .put("seq", seq)
        .put("at", at)
        .put("reasons", new JsonArray(reasons));
  }

  public static Alert fromJson(JsonObject j) {
    return new Alert(
        j.getString("room"),
        j.getString("session_id"),
        j.getString("reason"),
        j.getString("detail"),
        j.getLong("seq", 0L),
        j.getLong("at", 0L),
        j.getJsonArray("reasons", new JsonArray()).stream().map(String::valueOf).toList());
  }
}
