package io.switchboard.contract.live;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Published on {@code calls.watched} by each gateway instance: rooms at least one of its bridge
 * sockets receives {@code call.<room>} of, watched for at least {@code ttlMs} from when it is heard
 * (docs/architecture.md#watched-rooms). A gateway publishes a room when its first socket registers
 * and all of its rooms every third of the TTL (possibly none: then it only says that gateways
 * announce, with that TTL); a room nobody announces again stops being watched once its TTL runs
 * out. Nothing is ever "unwatched" explicitly: a missed message costs CPU, never a delta.
 */
public record WatchedRooms(List<String> rooms, long ttlMs) {
  public WatchedRooms {
    rooms = List.copyOf(rooms);
    if (ttlMs <= 0) {
      throw new IllegalArgumentException("ttl_ms must be positive");
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put(SchemaVersion.FIELD, SchemaVersion.CURRENT).put("rooms", new JsonArray(List.copyOf(rooms))).put("ttl_ms", ttlMs);
  }

  /** The message as published; IllegalArgumentException (or ClassCastException) for one that is not. */
  public static WatchedRooms fromJson(JsonObject j) {
    JsonArray rooms = j.getJsonArray("rooms", new JsonArray());
    List<String> names = new java.util.ArrayList<>(rooms.size());
    for (int i = 0; i < rooms.size(); i++) {
      names.add(rooms.getString(i));
    }
    return new WatchedRooms(names, j.getLong("ttl_ms", 0L));
  }
}
