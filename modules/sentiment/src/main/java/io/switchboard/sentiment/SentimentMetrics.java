package io.switchboard.sentiment;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.platform.metrics.Meters;
import io.switchboard.contract.metrics.MetricNames;
import io.switchboard.platform.metrics.ObservedReplies;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Sentiment's metric: request → reply latency of {@code sentiment.analyze}, by result. */
final class SentimentMetrics {
  private final MeterRegistry registry = Meters.registry();

  private final Function<String, Timer> latency = Meters.perTagValue(result ->
      Meters.timer(registry, MetricNames.SENTIMENT_LATENCY, "sentiment.analyze request → reply", "result", result));

  Handler<Message<Object>> observe(Handler<Message<Object>> handler) {
    return ObservedReplies.observe(handler, (msg, code, nanos) -> latency.apply(ObservedReplies.result(code)).record(nanos, TimeUnit.NANOSECONDS));
  }
}
