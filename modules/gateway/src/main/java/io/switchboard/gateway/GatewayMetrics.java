package io.switchboard.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.platform.metrics.Meters;
import io.switchboard.contract.metrics.MetricNames;
import io.vertx.core.Handler;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.concurrent.atomic.AtomicLong;

/** The gateway's metrics: open SockJS bridge sockets, and {@code GET /metrics} for the node. */
final class GatewayMetrics {
  private final AtomicLong sockets = Meters.upDown(Meters.registry(), MetricNames.BRIDGE_SOCKETS, "SockJS bridge sockets open");

  /** Every bridge event passes here; socket creation and closing move the gauge. */
  void bridge(BridgeEventType type) {
    if (type == BridgeEventType.SOCKET_CREATED) {
      sockets.incrementAndGet();
    } else if (type == BridgeEventType.SOCKET_CLOSED) {
      sockets.decrementAndGet();
    }
  }

  /** Prometheus text of every meter of the node; 503 when the node runs without metrics. */
  static Handler<RoutingContext> scrape() {
    Handler<RoutingContext> prometheus = PrometheusScrapingHandler.create();
    return ctx -> {
      if (BackendRegistries.getDefaultNow() instanceof PrometheusMeterRegistry) {
        prometheus.handle(ctx);
      } else {
        HttpErrors.send(ctx, 503, "unavailable", "metrics are disabled on this node (metrics.enabled=false)");
      }
    };
  }
}
