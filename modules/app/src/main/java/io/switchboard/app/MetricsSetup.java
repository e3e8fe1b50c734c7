package io.switchboard.app;

import io.switchboard.platform.config.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vert.x's own metrics (event bus, HTTP, pools, JVM) and the application's meters in one
 * Prometheus registry, Vert.x's default backend registry. The gateway serves it at
 * {@code /metrics}; a node without the gateway can serve it on {@code metrics.port}.
 */
final class MetricsSetup {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsSetup.class);

  private MetricsSetup() {}

  static void apply(VertxOptions options, Settings s) {
    if (s.bool(LauncherKeys.METRICS_ENABLED, true)) {
      options.setMetricsOptions(
          new MicrometerMetricsOptions()
              .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
              .setJvmMetricsEnabled(true)
              .setEnabled(true));
    }
  }

  /** Starts the stand-alone {@code GET /metrics} port when configured; returns the bound port or -1. */
  static int serve(Vertx vertx, Settings s) {
    int port = s.integer(LauncherKeys.METRICS_PORT, -1, -1, 65535);
    if (port < 0 || !s.bool(LauncherKeys.METRICS_ENABLED, true)) {
      return -1;
    }
    Router router = Router.router(vertx);
    router.get("/metrics").handler(PrometheusScrapingHandler.create());
    try {
      int bound = vertx.createHttpServer()
          .requestHandler(router)
          .listen(port, s.string(LauncherKeys.METRICS_HOST, "0.0.0.0"))
          .await()
          .actualPort();
      LOG.atInfo().addKeyValue("port", bound).log("metrics endpoint listening");
      return bound;
    } catch (Exception e) {
      throw new StartupException("cannot serve metrics on port " + port + ": " + ConfigLoader.rootMessage(e));
    }
  }
}
