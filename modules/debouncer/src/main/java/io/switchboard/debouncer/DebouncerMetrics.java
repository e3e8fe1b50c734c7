package io.switchboard.debouncer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.contract.live.RoomDelta;
import io.switchboard.platform.metrics.Meters;
import io.switchboard.contract.metrics.MetricNames;
import io.switchboard.platform.metrics.ObservedReplies;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The debouncer's metrics: room flushes from the change feed or a read, lines per room delta, first change → publish delay, deltas published
 * (room and list), late-join history requests and their latency. Used from one event loop.
 */
final class DebouncerMetrics {
  private final MeterRegistry registry = Meters.registry();
  private final DistributionSummary lines =
      DistributionSummary.builder(MetricNames.DEBOUNCER_FLUSH_LINES).description("log lines per room delta")
          .serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100, 500).register(registry);
  private final Timer delay = Meters.timer(registry, MetricNames.DEBOUNCER_FLUSH_DELAY, "first change of a room → its delta published");
  private final Counter fedFlushes = flushes("feed");
  private final Counter readFlushes = flushes("read");
  private final long[] flushCounts = new long[2];
  private final Counter unwatched = Counter.builder(MetricNames.DEBOUNCER_UNWATCHED)
      .description("room flushes that built no call.<room> delta: no bridge socket watched the room").register(registry);
  private long unwatchedCount;
  private final Counter roomDeltas = deltas("room");
  private final Counter listDeltas = deltas("list");
  private final Function<String, Counter> historyRequests = Meters.perTagValue(result ->
      Counter.builder(MetricNames.HISTORY_REQUESTS).description("late-join history requests").tags("result", result).register(registry));
  private final Function<String, Timer> historyLatency =
      Meters.perTagValue(result -> Meters.timer(registry, MetricNames.HISTORY_LATENCY, "call.history request → reply", "result", result));
  /** Room → when its first unpublished change was seen (nanoTime). */
  private final Map<String, Long> firstChange = new HashMap<>();

  private Counter deltas(String kind) {
    return Counter.builder(MetricNames.DELTAS_PUBLISHED).description("deltas published").tags("kind", kind).register(registry);
  }

  private Counter flushes(String source) {
    return Counter.builder(MetricNames.DEBOUNCER_FLUSHES).description("room flushes by where their state came from")
        .tags("source", source).register(registry);
  }

  /** A room's flush published from the change feed's records (true) or read the room (false). */
  void flushed(boolean fromRecords) {
    (fromRecords ? fedFlushes : readFlushes).increment();
    flushCounts[fromRecords ? 0 : 1]++;
  }

  /** A flush from the feed that built no room delta: nobody watched the room (docs/architecture.md#watched-rooms). */
  void unwatched() {
    unwatched.increment();
    unwatchedCount++;
  }

  /** This debouncer's flushes that built no room delta, nobody watching. */
  long unwatchedFlushes() {
    return unwatchedCount;
  }

  /** This debouncer's flushes so far, {from the feed, from reads} (the registry's counters add up all instances). */
  long[] flushes() {
    return flushCounts.clone();
  }

  /** A change notification for the room arrived. */
  void changed(String room) {
    firstChange.putIfAbsent(room, System.nanoTime());
  }

  /** A flush of the room is over (published or not): the next change starts a new delay. */
  void settled(String room) {
    firstChange.remove(room);
  }

  void published(RoomDelta delta) {
    roomDeltas.increment();
    lines.record(delta.lines().size());
    Long first = firstChange.remove(delta.room());
    if (first != null) {
      delay.record(System.nanoTime() - first, TimeUnit.NANOSECONDS);
    }
  }

  void listPublished() {
    listDeltas.increment();
  }

  /** The call.history consumer, counting requests by result and timing them. */
  Handler<Message<Object>> history(Handler<Message<Object>> handler) {
    return ObservedReplies.observe(handler, (msg, code, nanos) -> {
      String result = ObservedReplies.result(code);
      historyRequests.apply(result).increment();
      historyLatency.apply(result).record(nanos, TimeUnit.NANOSECONDS);
    });
  }
}
