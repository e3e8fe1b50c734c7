package io.switchboard.contract.live;

import io.vertx.core.json.JsonObject;

/**
 * Body of {@code call.history}: {@code {room, afterSeq?, limit?}}. Reply: {@link HistoryReply}.
 * {@code afterSeq} (default 0) returns lines with seq &gt; afterSeq; {@code limit} caps the page
 * (server maximum applies). Unknown room → failure 404.
 */
public record HistoryRequest(String room, long afterSeq, int limit) {
  public JsonObject toJson() {
    return new JsonObject().put("room", room).put("afterSeq", afterSeq).put("limit", limit);
  }

  public static HistoryRequest fromJson(JsonObject j) {
    return new HistoryRequest(j.getString("room"), j.getLong("afterSeq", 0L), j.getInteger("limit", 0));
  }
}
