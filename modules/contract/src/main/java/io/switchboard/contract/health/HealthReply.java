package io.switchboard.contract.health;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonObject;

/**
 * Reply of a {@code health.<verticle>} probe.
 *
 * @param service verticle id
 * @param node id of the node that answered
 * @param up whether the verticle can do its job
 * @param details dependency states and a reason when down (no secrets)
 */
public record HealthReply(String service, String node, boolean up, JsonObject details) {
  public JsonObject toJson() {
    return new JsonObject()
        .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
        .put("service", service)
        .put("node", node)
        .put("status", up ? "UP" : "DOWN")
        .put("details", details == null ? new JsonObject() : details);
  }

  public static HealthReply fromJson(JsonObject json) {
    return new HealthReply(
        json.getString("service"),
        json.getString("node"),
        "UP".equals(json.getString("status")),
        json.getJsonObject("details", new JsonObject()));
  }
}
