package io.switchboard.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.platform.metrics.Meters;
import io.switchboard.contract.metrics.MetricNames;
import io.switchboard.platform.metrics.ObservedReplies;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;

/** The webhook receiver's metrics: webhooks by result (the reconciler's LiveKit calls are metered by platform's LiveKitApi). */
final class WebhookMetrics {
  private final MeterRegistry registry = Meters.registry();

  /** The webhook consumer, counting every answer by result. */
  Handler<Message<Object>> observe(Handler<Message<Object>> handler) {
    return ObservedReplies.observe(handler, (msg, code, nanos) ->
        Counter.builder(MetricNames.WEBHOOKS).description("LiveKit webhooks handled")
            .tags("result", ObservedReplies.result(code)).register(registry).increment());
  }
}
