package io.switchboard.gateway;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.CallEvent;
import io.switchboard.contract.live.EventType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Who is viewing which room, learned from bridge registrations on {@code call.<room>}: the first
 * socket of a user on a room makes them a viewer, the last one closing (or unregistering) ends
 * it. The change goes to ingest as a supervisor event, so every dashboard sees it in call state.
 */
final class Presence {
  private final Vertx vertx;
  /** socket → room → user */
  private final Map<Object, Map<String, String>> bySocket = new java.util.IdentityHashMap<>();
  /** user|room → number of sockets */
  private final Map<String, Integer> counts = new HashMap<>();

  Presence(Vertx vertx) {
    this.vertx = vertx;
  }

  void register(Object socket, String user, String room) {
    Map<String, String> rooms = bySocket.computeIfAbsent(socket, s -> new HashMap<>());
    if (rooms.putIfAbsent(room, user) != null) {
      return;
    }
    if (counts.merge(user + "|" + room, 1, Integer::sum) == 1) {
      announce(room, user, "view");
    }
  }

  void unregister(Object socket, String room) {
    Map<String, String> rooms = bySocket.get(socket);
    String user = rooms == null ? null : rooms.remove(room);
    if (user != null) {
      release(user, room);
    }
  }

  void socketClosed(Object socket) {
    Map<String, String> rooms = bySocket.remove(socket);
    if (rooms != null) {
      rooms.forEach((room, user) -> release(user, room));
    }
  }

  private void release(String user, String room) {
    String key = user + "|" + room;
    Integer left = counts.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
    if (left == null) {
      announce(room, user, "unview");
    }
  }

  private void announce(String room, String user, String action) {
    CallEvent event =
        new CallEvent(room, null, EventType.SUPERVISOR.wire(), null, 0, new JsonObject().put("action", action).put("by", user));
    // a room without a live call answers 404: nothing to show, nothing to retry
    vertx.eventBus().request(Addresses.INGEST_CALL_EVENT, event.toJson()).onFailure(err -> { });
  }
}
