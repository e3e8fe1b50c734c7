package io.switchboard.debouncer;

import io.switchboard.contract.Addresses;
import io.switchboard.platform.bus.SharedJsonCodec;
import io.switchboard.contract.live.ListDelta;
import io.switchboard.contract.live.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import java.util.concurrent.TimeUnit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Collects call-list changes from every room flushed within one window and publishes them as a
 * single {@code calls.active} delta: with thousands of calls, dashboards get one message per
 * window instead of one per room. Each delta gets the next list version from Redis before it is
 * published (docs/event-bus.md#calls-active-versions); flushes are chained so one instance's
 * versions go out in order.
 */
final class ListDeltaBatcher {
  private final Vertx vertx;
  private final RedisAPI redis;
  private final long windowMs;
  private Future<?> publishing = Future.succeededFuture();
  private final Map<String, JsonObject> upserts = new LinkedHashMap<>();
  private final Set<String> removed = new LinkedHashSet<>();
  private long timer = -1;
  private long published;
  private final DebouncerMetrics metrics;

  ListDeltaBatcher(Vertx vertx, RedisAPI redis, long windowMs, DebouncerMetrics metrics) {
    this.metrics = metrics;
    this.vertx = vertx;
    this.redis = redis;
    this.windowMs = windowMs;
    SharedJsonCodec.register(vertx.eventBus());
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
    publishing = publishing.transform(done -> redis.incr(RedisKeys.ACTIVE_CALLS_VERSION)
        .timeout(2, TimeUnit.SECONDS)
        .map(v -> delta.withVersion(v.toLong()))
        // Redis unreachable: still publish, unversioned (clients apply it as before and resync later)
        .otherwise(delta)
        .onSuccess(this::publish));
  }

  private void publish(ListDelta delta) {
    published++;
    metrics.listPublished();
    SharedJsonCodec.publish(vertx.eventBus(), Addresses.CALLS_ACTIVE, delta.toJson());
  }
}
