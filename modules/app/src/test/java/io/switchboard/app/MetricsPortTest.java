package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A node without the gateway serves its metrics on {@code metrics.port}. */
@ExtendWith(VertxExtension.class)
class MetricsPortTest {
  @Test
  void nodeWithoutGatewayServesMetricsOnItsOwnPort(Vertx vertx) throws Exception {
    try (TestRedis redis = TestRedis.start();
        TestNode node = TestNode.start(redis.url(), "ingest", new JsonObject().put("metrics.port", 0).put("metrics.host", "127.0.0.1"))) {
      assertEquals(-1, node.port(), "no gateway, no HTTP port");
      int port = node.node().metricsPort();
      assertTrue(port > 0, "metrics port bound");
      WebClient web = WebClient.create(vertx);
      var scrape = web.get(port, "127.0.0.1", "/metrics").send().await(5, TimeUnit.SECONDS);
      web.close();
      assertEquals(200, scrape.statusCode());
      PrometheusText metrics = new PrometheusText(scrape.bodyAsString());
      assertTrue(metrics.has("switchboard_archive_pending"), "ingest's meters are registered at start");
      assertTrue(metrics.has("switchboard_redis_write_latency_seconds_count"));
      assertTrue(metrics.has("jvm_memory_used_bytes"), "JVM metrics");
    }
  }
}
