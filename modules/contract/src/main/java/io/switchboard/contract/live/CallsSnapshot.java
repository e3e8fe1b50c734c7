package io.switchboard.contract.live;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reply of {@code calls.snapshot}: {@code {v:1, calls:[summary…], at, version}} — every live call,
 * and the {@link ListDelta#version()} of the last {@code calls.active} delta it already reflects
 * (read with the calls in one atomic script).
 */
public record CallsSnapshot(JsonArray calls, long at, long version) {
  public JsonObject toJson() {
    return new JsonObject().put(SchemaVersion.FIELD, SchemaVersion.CURRENT).put("calls", calls).put("at", at).put("version", version);
  }

  public static CallsSnapshot fromJson(JsonObject j) {
    return new CallsSnapshot(j.getJsonArray("calls", new JsonArray()), j.getLong("at", 0L), j.getLong("version", 0L));
  }
}
