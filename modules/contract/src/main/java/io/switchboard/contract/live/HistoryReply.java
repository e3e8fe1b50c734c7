package io.switchboard.contract.live;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reply of {@code call.history}:
 * {@code {v:1, room, session_id, snapshot:{all call fields}, lines:[…], lastSeq, hasMore, debug:[…]}}.
 * {@code lastSeq} is the seq of the last line returned (or afterSeq when none); when {@code
 * hasMore} is true the client asks again with {@code afterSeq = lastSeq}. The snapshot is read in
 * the same Redis transaction as the lines, so it describes the call as of {@code lastSeq} or later.
 * {@code debug} holds the room's most recent agent debug events (the bodies published on
 * {@code call.<room>.debug}, oldest first) as far as the answering debouncer saw them: they are
 * never stored, so a supervisor joining late gets the recent agent state and nothing older.
 */
public record HistoryReply(
    String room, String sessionId, JsonObject snapshot, JsonArray lines, long lastSeq, boolean hasMore, JsonArray debug) {
  public JsonObject toJson() {
    return new JsonObject()
        .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
        .put("room", room)
        .put("session_id", sessionId)
        .put("snapshot", snapshot)
        .put("lines", lines)
        .put("lastSeq", lastSeq)
        .put("hasMore", hasMore)
        .put("debug", debug);
  }

  public static HistoryReply fromJson(JsonObject j) {
    return new HistoryReply(
        j.getString("room"),
        j.getString("session_id"),
        j.getJsonObject("snapshot", new JsonObject()),
        j.getJsonArray("lines", new JsonArray()),
        j.getLong("lastSeq", 0L),
        j.getBoolean("hasMore", false),
        j.getJsonArray("debug", new JsonArray()));
  }
}
