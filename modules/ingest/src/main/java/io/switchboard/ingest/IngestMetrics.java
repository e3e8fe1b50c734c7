package io.switchboard.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.contract.live.ArchivedCall;
import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.EventType;
import io.switchboard.platform.metrics.Meters;
import io.switchboard.contract.metrics.MetricNames;
import io.switchboard.platform.metrics.ObservedReplies;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/** Ingest's metrics: events by type and result, latency, Redis writes, archive lag and backlog. */
final class IngestMetrics {
  private final MeterRegistry registry = Meters.registry();
  private final Timer redisOk = Meters.timer(registry, MetricNames.REDIS_WRITE_LATENCY, "atomic apply script on Redis", "result", "ok");
  private final Timer redisError = Meters.timer(registry, MetricNames.REDIS_WRITE_LATENCY, "atomic apply script on Redis", "result", "error");
  private final Timer archiveLag =
      Timer.builder(MetricNames.ARCHIVE_LAG).description("call ended → archive acknowledged by analytics").register(registry);
  private final AtomicLong pending = Meters.upDown(registry, MetricNames.ARCHIVE_PENDING, "ended calls awaiting archive acknowledgement");

  private final Function<String, Function<String, Counter>> events = Meters.perTagValue(type -> Meters.perTagValue(result ->
      Counter.builder(MetricNames.INGEST_EVENTS).description("call events handled by ingest").tags("type", type, "result", result).register(registry)));
  private final Function<String, Timer> latency =
      Meters.perTagValue(result -> Meters.timer(registry, MetricNames.INGEST_LATENCY, "call event receipt → reply", "result", result));

  /** The call-event consumer, counting every answer by event type and result. */
  Handler<Message<Object>> observe(Handler<Message<Object>> handler) {
    return ObservedReplies.observe(handler, (msg, code, nanos) -> {
      String result = ObservedReplies.result(code);
      events.apply(typeOf(msg.body())).apply(result).increment();
      latency.apply(result).record(nanos, TimeUnit.NANOSECONDS);
    });
  }

  /** How a customer's final line got its annotation (MetricNames.INGEST_SENTIMENT). */
  enum SentimentOutcome {
    INLINE, AFTER, MISSED
  }

  private final java.util.Map<SentimentOutcome, Counter> sentimentOutcomes = new java.util.EnumMap<>(SentimentOutcome.class);

  {
    for (SentimentOutcome o : SentimentOutcome.values()) {
      sentimentOutcomes.put(o, Counter.builder(MetricNames.INGEST_SENTIMENT)
          .description("customers' final lines by how their sentiment annotation was written")
          .tags("outcome", o.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
    }
  }

  void sentiment(SentimentOutcome outcome) {
    sentimentOutcomes.get(outcome).increment();
  }

  /** Times one atomic write. */
  <T> Future<T> redisWrite(Supplier<Future<T>> write) {
    return Meters.time(write, redisOk, redisError);
  }

  /** An ended call joined (+1) or left (−1) this node's archive backlog. */
  void pending(int delta) {
    pending.addAndGet(delta);
  }

  /** Analytics acknowledged the archive of this call. */
  void archived(ArchivedCall call) {
    long endedAt = call.fields().getLong(CallFields.ENDED_AT, 0L);
    if (endedAt > 0) {
      archiveLag.record(Math.max(0, System.currentTimeMillis() - endedAt), TimeUnit.MILLISECONDS);
    }
  }

  /** A bounded tag value: a known event type's wire name, else "invalid". */
  private static String typeOf(Object body) {
    if (body instanceof JsonObject j && j.getValue("event_type") instanceof String t) {
      return EventType.byWire(t).map(x -> t).orElse("invalid");
    }
    return "invalid";
  }
}
