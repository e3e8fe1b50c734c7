package io.switchboard.contract.live;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Published on {@code calls.active}: {@code {v:1, upserts:[summary…], removed:[room…]}}. A summary
 * holds {@link CallFields#SUMMARY_FIELDS} (only changed fields besides room and session_id for an
 * existing call, all of them for a new one). Delivery is at-least-once; applying a delta twice is
 * harmless. A client that (re)connects asks {@code calls.snapshot} first and applies deltas after.
 *
 * <p>{@code version}: the list's version after this delta (one cluster-wide counter in Redis,
 * +1 per delta; absent when Redis could not be asked). A client drops a delta whose version is not
 * above its snapshot's {@link CallsSnapshot#version()} and resyncs when one is skipped
 * (docs/event-bus.md#calls-active-versions).
 */
public record ListDelta(JsonArray upserts, JsonArray removed, long version) {
  public static final long NO_VERSION = 0;

  public ListDelta(JsonArray upserts, JsonArray removed) {
    this(upserts, removed, NO_VERSION);
  }

  public ListDelta withVersion(long v) {
    return new ListDelta(upserts, removed, v);
  }

  public JsonObject toJson() {
    JsonObject j = new JsonObject()
        .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
        .put("upserts", upserts)
        .put("removed", removed);
    if (version > NO_VERSION) {
      j.put("version", version);
    }
    return j;
  }

  public static ListDelta fromJson(JsonObject j) {
    return new ListDelta(j.getJsonArray("upserts", new JsonArray()), j.getJsonArray("removed", new JsonArray()), j.getLong("version", NO_VERSION));
  }

  public boolean isEmpty() {
    return upserts.isEmpty() && removed.isEmpty();
  }
}
