package io.switchboard.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Future;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Shared plumbing of the per-module metrics classes: the node's registry (Vert.x's default
 * backend registry, set up by the launcher) or a no-op one when metrics are off (unit tests), a
 * timer shape with a few latency buckets, and up/down gauges shared by every verticle instance.
 */
public final class Meters {
  private Meters() {}

  private static final Map<MeterRegistry, Map<String, AtomicLong>> GAUGES = new WeakHashMap<>();

  /** Buckets for latency histograms (Prometheus {@code _bucket{le=…}}), 1 ms … 10 s. */
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
    Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
    Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)
  };

  /** The registry to create meters in now: the node's, or a registry whose meters do nothing. */
  public static MeterRegistry registry() {
    MeterRegistry r = BackendRegistries.getDefaultNow();
    return r != null ? r : new CompositeMeterRegistry();
  }

  /** A latency timer with histogram buckets. */
  public static Timer timer(MeterRegistry registry, String name, String description, String... tags) {
    return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
  }

  /**
   * A gauge whose value every caller in this node adjusts (e.g. one verticle instance +1, another
   * −1): the same counter is returned for the same registry and name.
   */
  public static AtomicLong upDown(MeterRegistry registry, String name, String description) {
    synchronized (GAUGES) {
      return GAUGES.computeIfAbsent(registry, r -> new HashMap<>())
          .computeIfAbsent(
              name,
              n -> {
                AtomicLong value = new AtomicLong();
                Gauge.builder(n, value, AtomicLong::get).description(description).strongReference(true).register(registry);
                return value;
              });
    }
  }

  /**
   * Meters that differ only in one tag's value, each built and registered once: a meter builder
   * and the registry's lookup cost more than recording (≈ 1 % of the node's CPU when done per
   * event). For tags with a bounded set of values only (results, event types).
   */
  public static <M> Function<String, M> perTagValue(Function<String, M> create) {
    Map<String, M> made = new ConcurrentHashMap<>();
    return value -> made.computeIfAbsent(value, create);
  }

  /** Runs the operation and records how long its future took in {@code ok} or {@code error}. */
  public static <T> Future<T> time(Supplier<Future<T>> operation, Timer ok, Timer error) {
    long start = System.nanoTime();
    return operation.get().onComplete(ar -> (ar.succeeded() ? ok : error).record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
  }
}
