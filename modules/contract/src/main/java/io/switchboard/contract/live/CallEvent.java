package io.switchboard.contract.live;

import io.vertx.core.json.JsonObject;

/**
 * Body of {@code ingest.call-event}: the seed's agent event, unchanged on the wire.
 *
 * <pre>{"room_name": "call-1", "session_id": "s-1", "event_type": "transcript",
 *  "event_id": "optional id for idempotent retries", "ts": 1764000000000,
 *  "data": {"role": "user", "text": "hi", "final": true, "segment_id": "u-3"}}</pre>
 *
 * The per-type {@code data} schemas are JSON Schemas under {@code /schemas/} in this module
 * ({@link CallEventSchemas}). Internal senders may leave {@code session_id} null to mean "the
 * room's current session" (a webhook knows the room, not our session).
 *
 * <p>Delivery headers: the gateway sets {@link #HEADER_SOURCE} = {@code agent} and {@link
 * #HEADER_API_KEY} for agent traffic; ingest then requires a valid key and an agent event type.
 * Messages without a source header come from Switchboard's own verticles.
 */
public record CallEvent(String room, String sessionId, String type, String eventId, long ts, JsonObject data) {
  public static final String HEADER_SOURCE = "x-switchboard-source";
  public static final String HEADER_API_KEY = "x-api-key";
  public static final String SOURCE_AGENT = "agent";
  /**
   * Optional per-session send counter (1, 2, 3, ...) of an agent that sends without waiting for each
   * reply (pipelined HTTP, several connections, the TCP bridge): ingest applies the session's events
   * in this order whichever instance or node receives them (docs/architecture.md#ordering). Without
   * it events apply in arrival order, which is the send order for an agent that posts one at a time.
   */
  public static final String FIELD_SEND_SEQ = "send_seq";

  public JsonObject toJson() {
    JsonObject j =
        new JsonObject().put("room_name", room).put("session_id", sessionId).put("event_type", type).put("data", data);
    if (eventId != null) {
      j.put("event_id", eventId);
    }
    if (ts > 0) {
      j.put("ts", ts);
    }
    return j;
  }

  /** Assumes a body that passed {@link CallEventSchemas} validation. */
  public static CallEvent fromJson(JsonObject j) {
    Object ts = j.getValue("ts");
    return new CallEvent(
        j.getString("room_name"),
        j.getString("session_id"),
        j.getString("event_type"),
        j.getString("event_id"),
        ts instanceof Number n ? n.longValue() : 0L,
        j.getJsonObject("data", new JsonObject()));
  }
}
