package io.switchboard.contract.analytics;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Reply of {@code audit.query}: {@code {v, items, total, page, size}}, items newest first. */
public record AuditPage(List<AuditRecord> items, long total, int page, int size) {
  public JsonObject toJson() {
    JsonArray a = new JsonArray();
    items.forEach(i -> a.add(i.toJson()));
    return new JsonObject()
        .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
        .put("items", a)
        .put("total", total)
        .put("page", page)
        .put("size", size);
  }

  public static AuditPage fromJson(JsonObject j) {
    return new AuditPage(
        j.getJsonArray("items", new JsonArray()).stream().map(o -> AuditRecord.fromJson((JsonObject) o)).toList(),
        j.getLong("total", 0L),
        j.getInteger("page", 1),
        j.getInteger("size", AuditQuery.DEFAULT_SIZE));
  }
}
