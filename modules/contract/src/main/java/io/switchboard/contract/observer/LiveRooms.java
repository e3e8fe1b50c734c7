package io.switchboard.contract.observer;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Reply of {@code observer.rooms}: the rooms LiveKit has live now (its {@code ListRooms}), so the
 * observer needs no LiveKit API secret of its own.
 *
 * <pre>{"v":1, "rooms":[{"name":"call-1", "sid":"RM_…", "participants":2, "created_at":1764000000}]}</pre>
 */
public record LiveRooms(List<Room> rooms) {
  /** One live room; {@code createdAt} in epoch seconds as LiveKit reports it. */
  public record Room(String name, String sid, int participants, long createdAt) {
    public JsonObject toJson() {
      return new JsonObject().put("name", name).put("sid", sid).put("participants", participants).put("created_at", createdAt);
    }

    public static Room fromJson(JsonObject j) {
      return new Room(j.getString("name"), j.getString("sid"), j.getInteger("participants", 0), j.getLong("created_at", 0L));
    }
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    rooms.forEach(r -> list.add(r.toJson()));
    return new JsonObject().put("v", SchemaVersion.CURRENT).put("rooms", list);
  }

  public static LiveRooms fromJson(JsonObject j) {
    JsonArray list = j.getJsonArray("rooms", new JsonArray());
    return new LiveRooms(list.stream().map(o -> Room.fromJson((JsonObject) o)).toList());
  }
}
