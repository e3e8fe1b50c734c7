package io.switchboard.contract.live;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Published on {@code call.<room>}: what changed in one room since the last delta.
 *
 * <pre>{v:1, room, session_id, fromSeq, toSeq, lines:[LogLine…], fields:{changed…}, removed?}</pre>
 *
 * {@code lines} hold seqs {@code fromSeq+1 .. toSeq} in order (empty when only fields changed,
 * then fromSeq == toSeq). A client that holds seq {@code n} applies a delta with
 * {@code fromSeq <= n < toSeq} by skipping lines it has; {@code fromSeq > n} is a gap: it
 * re-requests {@code call.history} from n. A delta with another {@code session_id} starts over.
 * {@code removed: true} means the room's live state is gone (the call ended and was archived).
 */
public record RoomDelta(
    String room, String sessionId, long fromSeq, long toSeq, JsonArray lines, JsonObject fields, boolean removed) {

  public JsonObject toJson() {
    JsonObject j =
        new JsonObject()
            .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
            .put("room", room)
            .put("session_id", sessionId)
            .put("fromSeq", fromSeq)
            .put("toSeq", toSeq)
            .put("lines", lines)
            .put("fields", fields);
    if (removed) {
      j.put("removed", true);
    }
    return j;
  }

  public static RoomDelta fromJson(JsonObject j) {
    return new RoomDelta(
        j.getString("room"),
        j.getString("session_id"),
        j.getLong("fromSeq", 0L),
        j.getLong("toSeq", 0L),
        j.getJsonArray("lines", new JsonArray()),
        j.getJsonObject("fields", new JsonObject()),
        j.getBoolean("removed", false));
  }
}
