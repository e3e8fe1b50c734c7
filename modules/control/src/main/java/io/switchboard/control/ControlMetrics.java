package io.switchboard.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.platform.metrics.Meters;
import io.switchboard.contract.metrics.MetricNames;
import io.switchboard.platform.metrics.ObservedReplies;

/** Control's metrics: supervisor actions by action and result (LiveKit API calls are metered by platform's LiveKitApi). */
final class ControlMetrics {
  private final MeterRegistry registry = Meters.registry();

  /** One supervisor action finished; {@code failureCode} 0 when it succeeded. */
  void action(String action, int failureCode) {
    Counter.builder(MetricNames.CONTROL_ACTIONS).description("supervisor actions")
        .tags("action", action, "result", ObservedReplies.result(failureCode)).register(registry).increment();
  }
}
