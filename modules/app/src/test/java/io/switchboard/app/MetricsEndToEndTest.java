package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.testkit.BridgeClient;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * After real traffic (agent events, a bridge viewer, a late-join history request) the node's
 * {@code GET /metrics} shows non-zero application meters next to Vert.x's own.
 */
@ExtendWith(VertxExtension.class)
class MetricsEndToEndTest {
  private static TestRedis redis;
  private static TestNode node;

  @BeforeAll
  static void start() {
    redis = TestRedis.start();
    node = TestNode.start(redis.url(), "gateway,ingest,debouncer", new JsonObject());
  }

  @AfterAll
  static void stop() {
    node.close();
    redis.close();
  }

  @Test
  void scrapeShowsIngestDeltasBridgeSocketsAndHistory(Vertx vertx) throws Exception {
    String room = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
    List<JsonObject> deltas = new CopyOnWriteArrayList<>();
    BridgeClient viewer = node.bridge(vertx, "viewer");
    viewer.register(Addresses.call(room), deltas::add).await(5, TimeUnit.SECONDS);
    AgentPoster agent = new AgentPoster(vertx, node.port(), room, "s-m", false);
    assertEquals(202, agent.post("call_started", new JsonObject()).await(5, TimeUnit.SECONDS).statusCode());
    for (int i = 0; i < 5; i++) {
      assertEquals(202, agent.line("user", "hello " + i).await(5, TimeUnit.SECONDS).statusCode());
    }
    LiveStateEndToEndTest.awaitLines(deltas, 6);

    WebClient web = WebClient.create(vertx);
    String token = node.login(vertx, "viewer");
    var history = web.get(node.port(), "127.0.0.1", "/api/calls/" + room + "/history")
        .putHeader("Authorization", "Bearer " + token).send().await(5, TimeUnit.SECONDS);
    assertEquals(200, history.statusCode(), history.bodyAsString());

    var scrape = web.get(node.port(), "127.0.0.1", "/metrics").send().await(5, TimeUnit.SECONDS);
    assertEquals(200, scrape.statusCode());
    assertTrue(scrape.getHeader("Content-Type").startsWith("text/plain"), scrape.getHeader("Content-Type"));
    PrometheusText metrics = new PrometheusText(scrape.bodyAsString());

    assertTrue(metrics.sum("switchboard_ingest_events_total", "type=\"transcript\"", "result=\"ok\"") >= 5, metrics.lines("switchboard_ingest"));
    assertTrue(metrics.sum("switchboard_ingest_events_total", "type=\"call_started\"") >= 1, metrics.lines("switchboard_ingest"));
    assertTrue(metrics.sum("switchboard_ingest_latency_seconds_count") >= 6);
    assertTrue(metrics.sum("switchboard_redis_write_latency_seconds_count", "result=\"ok\"") >= 6);
    assertTrue(metrics.sum("switchboard_deltas_published_total", "kind=\"room\"") > 0, metrics.lines("switchboard_deltas"));
    assertTrue(metrics.sum("switchboard_debouncer_flush_lines_sum") >= 6, metrics.lines("switchboard_debouncer"));
    assertTrue(metrics.sum("switchboard_debouncer_flush_delay_seconds_count") > 0, metrics.lines("switchboard_debouncer"));
    assertTrue(metrics.sum("switchboard_bridge_sockets") >= 1, metrics.lines("switchboard_bridge"));
    assertTrue(metrics.sum("switchboard_history_requests_total", "result=\"ok\"") >= 1, metrics.lines("switchboard_history"));
    assertTrue(metrics.sum("switchboard_history_latency_seconds_count") >= 1);
    assertTrue(metrics.has("vertx_eventbus_pending"), "Vert.x's own event-bus metrics are exported");
    assertTrue(metrics.has("vertx_http_server_requests_total"), "Vert.x's HTTP server metrics are exported");

    viewer.close();
    agent.close();
    web.close();
  }
}
