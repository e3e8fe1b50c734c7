package io.switchboard.platform.livekit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.contract.metrics.MetricNames;
import io.switchboard.platform.metrics.Meters;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** LiveKit server API latency by method and result, and failures by method and {@link LiveKitFailure.Reason}. */
final class LiveKitMetrics {
  private final MeterRegistry registry = Meters.registry();

  <T> Future<T> time(String method, Supplier<Future<T>> call) {
    long start = System.nanoTime();
    return call.get().onComplete(ar -> {
      Meters.timer(registry, MetricNames.LIVEKIT_LATENCY, "LiveKit server API call", "method", method, "result", ar.succeeded() ? "ok" : "error")
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      if (ar.failed()) {
        String reason = ar.cause() instanceof LiveKitFailure f ? f.reason().tag() : LiveKitFailure.Reason.ERROR.tag();
        Counter.builder(MetricNames.LIVEKIT_ERRORS).description("failed LiveKit server API calls")
            .tags("method", method, "reason", reason).register(registry).increment();
      }
    });
  }
}
