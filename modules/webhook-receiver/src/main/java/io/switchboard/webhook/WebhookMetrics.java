package io.switchboard.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.platform.metrics.Meters;
import io.switchboard.contract.metrics.MetricNames;
import io.switchboard.platform.metrics.ObservedReplies;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** The webhook receiver's metrics: webhooks by result; the reconciler's LiveKit API calls. */
final class WebhookMetrics {
  private final MeterRegistry registry = Meters.registry();

  /** The webhook consumer, counting every answer by result. */
  Handler<Message<Object>> observe(Handler<Message<Object>> handler) {
    return ObservedReplies.observe(handler, (msg, code, nanos) ->
        Counter.builder(MetricNames.WEBHOOKS).description("LiveKit webhooks handled")
            .tags("result", ObservedReplies.result(code)).register(registry).increment());
  }

  /** Times one LiveKit server API call and counts its failures by reason. */
  <T> Future<T> liveKit(String method, Supplier<Future<T>> call) {
    long start = System.nanoTime();
    return call.get().onComplete(ar -> {
      Meters.timer(registry, MetricNames.LIVEKIT_LATENCY, "LiveKit server API call", "method", method, "result", ar.succeeded() ? "ok" : "error")
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      if (ar.failed()) {
        Throwable e = ar.cause();
        String reason = e instanceof TimeoutException ? "timeout" : e instanceof IOException ? "unreachable" : "error";
        Counter.builder(MetricNames.LIVEKIT_ERRORS).description("failed LiveKit server API calls")
            .tags("method", method, "reason", reason).register(registry).increment();
      }
    });
  }
}
