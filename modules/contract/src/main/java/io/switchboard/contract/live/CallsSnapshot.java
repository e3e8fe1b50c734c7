package io.switchboard.contract.live;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Reply of {@code calls.snapshot}: {@code {v:1, calls:[summary…], at}} — every live call. */
public record CallsSnapshot(JsonArray calls, long at) {
  public JsonObject toJson() {
    return new JsonObject().put(SchemaVersion.FIELD, SchemaVersion.CURRENT).put("calls", calls).put("at", at);
  }

  public static CallsSnapshot fromJson(JsonObject j) {
    return new CallsSnapshot(j.getJsonArray("calls", new JsonArray()), j.getLong("at", 0L));
  }
}
