package io.switchboard.contract.live;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Body of {@code call.ended} (ingest → analytics, request-reply, retried until acknowledged): the
 * whole ended call as it was in Redis. {@code fields} is the call hash with JSON/number fields
 * parsed (see {@link CallFields}); {@code lines} the full log in seq order. Analytics upserts it by
 * call id ({@code room}, {@code session_id} and {@code fields.started_at}: a session id alone is
 * not unique across calls), so redelivery is harmless, and replies {@code {ok:true}} only after
 * the write succeeded.
 */
public record ArchivedCall(String room, String sessionId, JsonObject fields, JsonArray lines) {
  public JsonObject toJson() {
    return new JsonObject()
        .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
        .put("room", room)
        .put("session_id", sessionId)
        .put("fields", fields)
        .put("lines", lines);
  }

  public static ArchivedCall fromJson(JsonObject j) {
    return new ArchivedCall(
        j.getString("room"),
        j.getString("session_id"),
        j.getJsonObject("fields", new JsonObject()),
        j.getJsonArray("lines", new JsonArray()));
  }
}
