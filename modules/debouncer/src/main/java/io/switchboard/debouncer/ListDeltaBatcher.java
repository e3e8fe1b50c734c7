package io.switchboard.debouncer;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.ListDelta;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Collects call-list changes from every room flushed within one window and publishes them as a
 * single {@code calls.active} delta: with thousands of calls, dashboards get one message per
 * window instead of one per room.
 */
final class ListDeltaBatcher {
  private final Vertx vertx;
  private final long windowMs;
  private final Map<String, JsonObject> upserts = new LinkedHashMap<>();
  private final Set<String> removed = new LinkedHashSet<>();
  private long timer = -1;
  private long published;
  private final DebouncerMetrics metrics;

  ListDeltaBatcher(Vertx vertx, long windowMs, DebouncerMetrics metrics) {
    this.metrics = metrics;
    this.vertx = vertx;
    this.windowMs = windowMs;
  }

  void upsert(String room, JsonObject partialSummary) {
    removed.remove(room);
    upserts.merge(room, partialSummary, (a, b) -> a.mergeIn(b));
    schedule();
  }

  void remove(String room) {
    upserts.remove(room);
    removed.add(room);
    schedule();
  }

  long published() {
    return published;
  }

  private void schedule() {
    if (timer < 0) {
      timer = vertx.setTimer(windowMs, t -> flush());
    }
  }

  private void flush() {
    timer = -1;
    if (upserts.isEmpty() && removed.isEmpty()) {
      return;
    }
    ListDelta delta = new ListDelta(new JsonArray(upserts.values().stream().map(Object.class::cast).toList()), new JsonArray(removed.stream().map(Object.class::cast).toList()));
    upserts.clear();
    removed.clear();
    published++;
    metrics.listPublished();
    vertx.eventBus().publish(Addresses.CALLS_ACTIVE, delta.toJson());
  }
}
