package io.switchboard.debouncer;

import com.github.benmanes.caffeine.cache.Cache;
import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.ListDelta;
import io.switchboard.contract.live.RedisKeys;
import io.switchboard.platform.bus.SharedJsonCodec;
import io.switchboard.platform.cache.EventLoopCaches;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Collects call-list changes from every room flushed within one window and publishes them as a
 * single {@code calls.active} delta: with thousands of calls, dashboards get one message per
 * window instead of one per room. Each delta gets the next list version from Redis before it is
 * published (docs/event-bus.md#calls-active-versions); flushes are chained so one instance's
 * versions go out in order.
 *
 * <p>A listed call's routine-only change (what is being said, the agent's turn state, the score,
 * the last seq) is held until the call's routine period since its last upsert has passed; any other
 * change (status, label, escalation, takeover, listeners…) goes in the next window and takes the
 * held fields along. So a dashboard sees what matters at once and the rest of the list at a rate
 * bounded per instance, whatever the number of calls (docs/event-bus.md#calls-active-pacing).
 */
final class ListDeltaBatcher {
  /** How often held routine changes are checked for being due. */
  static final long ROUTINE_TICK_MS = 100;
  private final Vertx vertx;
  private final RedisAPI redis;
  private final ListPacing pacing;
  private Future<?> publishing = Future.succeededFuture();
  private final Map<String, JsonObject> upserts = new LinkedHashMap<>();
  private final Set<String> removed = new LinkedHashSet<>();
  /** Routine changes of listed calls, waiting for their period. */
  private final Map<String, Held> held = new LinkedHashMap<>();

  /**
   * A held change and when its call's last upsert went out: that time cannot move while the change
   * is held (only an upsert that goes out does, and it takes the held change along), so checking
   * for due changes needs no lookup per held call — with thousands held, ten times a second, the
   * cache lookups were ≈ 2 % of the node's CPU.
   */
  private record Held(JsonObject summary, long lastUpsert) {
    Held merge(JsonObject later) {
      summary.mergeIn(later);
      return this;
    }
  }
  /** When each listed call's last upsert went into a window (a call quiet for long is forgotten: its next change goes at once). */
  private final Cache<String, Long> upsertedAt = EventLoopCaches.newBuilder().expireAfterAccess(Duration.ofMinutes(2)).build();
  private long timer = -1;
  private long routineTimer = -1;
  private long published;
  private final DebouncerMetrics metrics;

  ListDeltaBatcher(Vertx vertx, RedisAPI redis, ListPacing pacing, DebouncerMetrics metrics) {
    this.metrics = metrics;
    this.vertx = vertx;
    this.redis = redis;
    this.pacing = pacing;
    SharedJsonCodec.register(vertx.eventBus());
  }

  void upsert(String room, JsonObject partialSummary) {
    removed.remove(room);
    JsonObject inWindow = upserts.get(room);
    if (inWindow != null) {
      inWindow.mergeIn(partialSummary);
      return;
    }
    long now = System.currentTimeMillis();
    Long last = upsertedAt.getIfPresent(room);
    if (last != null && CallFields.routineOnly(partialSummary) && now - last < pacing.routinePeriodMs(upsertedAt.estimatedSize())) {
      Held h = held.get(room);
      if (h == null) {
        held.put(room, new Held(partialSummary, last));
      } else {
        h.merge(partialSummary);
      }
      scheduleRoutine();
      return;
    }
    Held before = held.remove(room);
    enqueue(room, before == null ? partialSummary : before.summary().mergeIn(partialSummary), now);
  }

  void remove(String room) {
    upserts.remove(room);
    held.remove(room);
    upsertedAt.invalidate(room);
    removed.add(room);
    schedule();
  }

  long published() {
    return published;
  }

  /** Calls whose routine changes are held right now. */
  int held() {
    return held.size();
  }

  private void enqueue(String room, JsonObject summary, long now) {
    upserts.put(room, summary);
    upsertedAt.put(room, now);
    schedule();
  }

  private void schedule() {
    if (timer < 0) {
      timer = vertx.setTimer(pacing.windowMs(), t -> flush());
    }
  }

  private void scheduleRoutine() {
    if (routineTimer < 0) {
      routineTimer = vertx.setTimer(ROUTINE_TICK_MS, t -> releaseDue());
    }
  }

  /** Held changes whose period has passed go into the next window, in the order they were held. */
  private void releaseDue() {
    routineTimer = -1;
    long now = System.currentTimeMillis();
    long period = pacing.routinePeriodMs(upsertedAt.estimatedSize());
    for (Iterator<Map.Entry<String, Held>> it = held.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Held> e = it.next();
      if (now - e.getValue().lastUpsert() >= period) {
        it.remove();
        enqueue(e.getKey(), e.getValue().summary(), now);
      }
    }
    if (!held.isEmpty()) {
      scheduleRoutine();
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
