package io.switchboard.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.contract.BusErrors;
import io.switchboard.platform.metrics.Meters;
import io.switchboard.contract.metrics.MetricNames;
import io.switchboard.platform.metrics.ObservedReplies;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Control's metrics: supervisor actions by action and result; LiveKit API latency and errors. */
final class ControlMetrics {
  private final MeterRegistry registry = Meters.registry();

  /** One supervisor action finished; {@code failureCode} 0 when it succeeded. */
  void action(String action, int failureCode) {
    Counter.builder(MetricNames.CONTROL_ACTIONS).description("supervisor actions")
        .tags("action", action, "result", ObservedReplies.result(failureCode)).register(registry).increment();
  }

  /** Times one LiveKit server API call and counts its failures by reason. */
  <T> Future<T> liveKit(String method, Supplier<Future<T>> call) {
    long start = System.nanoTime();
    return call.get().onComplete(ar -> {
      Meters.timer(registry, MetricNames.LIVEKIT_LATENCY, "LiveKit server API call", "method", method, "result", ar.succeeded() ? "ok" : "error")
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      if (ar.failed()) {
        int code = ar.cause() instanceof ControlFailure f ? f.code() : BusErrors.INTERNAL;
        String reason = switch (code) {
          case BusErrors.BAD_GATEWAY -> "refused";
          case BusErrors.UNAVAILABLE -> "unreachable";
          case BusErrors.TIMEOUT -> "timeout";
          default -> "error";
        };
        Counter.builder(MetricNames.LIVEKIT_ERRORS).description("failed LiveKit server API calls")
            .tags("method", method, "reason", reason).register(registry).increment();
      }
    });
  }
}
