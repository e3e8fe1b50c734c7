package io.switchboard.gateway;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.WatchedRooms;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which rooms this gateway instance's bridge sockets receive {@code call.<room>} of, announced to
 * the debouncers on {@code calls.watched} (docs/architecture.md#watched-rooms): a room when its
 * first socket registers, before the registration completes, and every room still watched every
 * third of the TTL (an empty list too: the debouncers learn that gateways announce). A room whose
 * last socket went is simply not announced again.
 */
final class RoomWatchers {
  /** Most rooms in one announcement (a refresh of more goes out in parts). */
  static final int MAX_ROOMS_PER_MESSAGE = 1_000;

  private final Vertx vertx;
  private final long ttlMs;
  /** socket → rooms it registered */
  private final Map<Object, Set<String>> bySocket = new IdentityHashMap<>();
  /** room → number of sockets registered on it */
  private final Map<String, Integer> counts = new HashMap<>();
  private long timer = -1;

  RoomWatchers(Vertx vertx, long refreshMs) {
    this.vertx = vertx;
    this.ttlMs = 3 * refreshMs;
  }

  /** Announces every watched room now and then every {@code refreshMs} until {@link #stop()}. */
  void start() {
    refresh();
    timer = vertx.setPeriodic(ttlMs / 3, t -> refresh());
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  void register(Object socket, String room) {
    if (bySocket.computeIfAbsent(socket, s -> new HashSet<>()).add(room) && counts.merge(room, 1, Integer::sum) == 1) {
      announce(List.of(room));
    }
  }

  void unregister(Object socket, String room) {
    Set<String> rooms = bySocket.get(socket);
    if (rooms != null && rooms.remove(room)) {
      release(room);
    }
  }

  void socketClosed(Object socket) {
    Set<String> rooms = bySocket.remove(socket);
    if (rooms != null) {
      rooms.forEach(this::release);
    }
  }

  Set<String> watched() {
    return Set.copyOf(counts.keySet());
  }

  private void release(String room) {
    counts.computeIfPresent(room, (r, n) -> n > 1 ? n - 1 : null);
  }

  /** Announces every watched room (an empty list when none). */
  void refresh() {
    List<String> all = new ArrayList<>(counts.keySet());
    if (all.isEmpty()) {
      announce(List.of());
      return;
    }
    for (int i = 0; i < all.size(); i += MAX_ROOMS_PER_MESSAGE) {
      announce(all.subList(i, Math.min(all.size(), i + MAX_ROOMS_PER_MESSAGE)));
    }
  }

  private void announce(List<String> rooms) {
    vertx.eventBus().publish(Addresses.CALLS_WATCHED, new WatchedRooms(rooms, ttlMs).toJson());
  }
}
