package io.switchboard.debouncer;

import io.switchboard.contract.live.WatchedRooms;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rooms the gateways say bridge sockets watch ({@code calls.watched}; docs/architecture.md#watched-rooms).
 * A room is watched until the TTL of its last announcement runs out. Until gateways have been
 * heard for one TTL — this instance just started, or no gateway announces at all — every room
 * counts as watched: what is not known costs CPU, never a delta. One event loop's.
 */
final class WatchedRoomSet {
  /** room → until when (ms, monotonic) it is watched */
  private final Map<String, Long> until = new HashMap<>();
  /** when gateways were first heard plus their TTL: before it, everything is watched; -1: not heard */
  private long knownFrom = -1;
  private long lastSweep;

  /** Takes an announcement; the rooms that were not watched before it (their watchers need the whole call). */
  List<String> heard(WatchedRooms message, long nowMs) {
    boolean everything = everythingWatched(nowMs);
    if (knownFrom < 0) {
      knownFrom = nowMs + message.ttlMs();
    }
    List<String> fresh = new ArrayList<>();
    long to = nowMs + message.ttlMs();
    for (String room : message.rooms()) {
      Long was = until.put(room, to);
      if (!everything && (was == null || was <= nowMs)) {
        fresh.add(room);
      }
      if (was != null && was > to) {
        until.put(room, was); // a longer TTL from another gateway still holds
      }
    }
    sweep(nowMs);
    return fresh;
  }

  boolean watched(String room, long nowMs) {
    if (everythingWatched(nowMs)) {
      return true;
    }
    Long to = until.get(room);
    return to != null && to > nowMs;
  }

  int size() {
    return until.size();
  }

  private boolean everythingWatched(long nowMs) {
    return knownFrom < 0 || nowMs < knownFrom;
  }

  /** Forgets expired rooms about once a second (rooms of ended calls would otherwise pile up). */
  private void sweep(long nowMs) {
    if (nowMs - lastSweep >= 1_000) {
      lastSweep = nowMs;
      until.values().removeIf(to -> to <= nowMs);
    }
  }
}
