package io.switchboard.debouncer;

import io.switchboard.contract.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The last few agent debug events of each room this debouncer publishes for, in memory only
 * (debug events are ephemeral, docs/architecture.md#deltas-and-late-join): a supervisor who opens a room late gets them with the
 * history instead of an empty debug panel.
 */
final class DebugRings {
  private final Vertx vertx;
  private final int size;
  private final Map<String, Deque<JsonObject>> rings = new HashMap<>();
  private final Map<String, MessageConsumer<JsonObject>> consumers = new HashMap<>();

  DebugRings(Vertx vertx, int size) {
    this.vertx = vertx;
    this.size = size;
  }

  void watch(String room) {
    if (consumers.containsKey(room)) {
      return;
    }
    Deque<JsonObject> ring = new ArrayDeque<>(size);
    rings.put(room, ring);
    consumers.put(room, vertx.eventBus().<JsonObject>consumer(Addresses.callDebug(room), m -> {
      if (ring.size() == size) {
        ring.pollFirst();
      }
      ring.addLast(m.body());
    }));
  }

  void forget(String room) {
    MessageConsumer<JsonObject> c = consumers.remove(room);
    if (c != null) {
      c.unregister();
    }
    rings.remove(room);
  }

  /** Oldest first; empty for a room this instance does not watch. */
  JsonArray recent(String room) {
    Deque<JsonObject> ring = rings.get(room);
    return ring == null ? new JsonArray() : new JsonArray(new java.util.ArrayList<>(ring));
  }
}
