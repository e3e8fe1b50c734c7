package io.switchboard.contract.live;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Published on {@code calls.active}: {@code {v:1, upserts:[summary…], removed:[room…]}}. A summary
 * holds {@link CallFields#SUMMARY_FIELDS} (only changed fields besides room and session_id for an
 * existing call, all of them for a new one). Delivery is at-least-once; applying a delta twice is
 * harmless. A client that (re)connects asks {@code calls.snapshot} first and applies deltas after.
 */
public record ListDelta(JsonArray upserts, JsonArray removed) {
  public JsonObject toJson() {
    return new JsonObject()
        .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
        .put("upserts", upserts)
        .put("removed", removed);
  }

  public static ListDelta fromJson(JsonObject j) {
    return new ListDelta(j.getJsonArray("upserts", new JsonArray()), j.getJsonArray("removed", new JsonArray()));
  }

  public boolean isEmpty() {
    return upserts.isEmpty() && removed.isEmpty();
  }
}
