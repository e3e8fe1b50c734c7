package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.testkit.BridgeClient;
import io.switchboard.testkit.Eventually;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redis goes away during traffic and comes back empty: nothing crashes, agents get fast 503s,
 * /health says so, and subscribed clients converge to the true state within 5 s of its return
 * (the debouncer re-subscribes and resyncs; calls that vanished are removed).
 */
@ExtendWith(VertxExtension.class)
class RedisRestartTest {

  @Test
  void clientsConvergeAfterRedisRestart(Vertx vertx) throws Exception {
    try (TestRedis redis = TestRedis.start();
        TestNode node = TestNode.start(redis.url(), "gateway,ingest,debouncer", new JsonObject())) {
      CallListClient list = new CallListClient(node.bridge(vertx, "viewer"));
      list.join().await(5, TimeUnit.SECONDS);
      AgentPoster before = new AgentPoster(vertx, node.port(), "rr-before", "s-1", false);
      before.post("call_started", new JsonObject()).await(5, TimeUnit.SECONDS);
      before.line("user", "first").await(5, TimeUnit.SECONDS);
      await(() -> list.rooms().contains("rr-before"), 3000, "call listed before the outage");

      redis.stop();
      long t0 = System.nanoTime();
      HttpResponse<Buffer> during = before.line("user", "while redis is down").await(10, TimeUnit.SECONDS);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertEquals(503, during.statusCode(), during.bodyAsString());
      assertTrue(ms < 3000, "agents get a fast answer during the outage: " + ms + " ms");
      HttpResponse<Buffer> health = WebClient.create(vertx).get(node.port(), "127.0.0.1", "/health").send().await(10, TimeUnit.SECONDS);
      assertEquals(503, health.statusCode());
      assertTrue(health.bodyAsString().contains("\"id\":\"redis\",\"status\":\"DOWN\""), health.bodyAsString());

      // the DOWN health above is the marker that the node has seen the outage: restart now
      redis.restart();
      long back = System.currentTimeMillis();
      AgentPoster after = new AgentPoster(vertx, node.port(), "rr-after", "s-2", false);
      List<JsonObject> roomDeltas = new CopyOnWriteArrayList<>();
      BridgeClient roomClient = node.bridge(vertx, "viewer");
      roomClient.register(Addresses.call("rr-after"), roomDeltas::add).await(5, TimeUnit.SECONDS);
      awaitStatus(after, 202, back);
      after.line("user", "hello again").await(5, TimeUnit.SECONDS);

      await(() -> list.rooms().equals(Set.of("rr-after")), 5000, "list converges to the true state, got " + list.rooms());
      assertTrue(System.currentTimeMillis() - back < 5000 + 2000, "converged soon after Redis returned");
      await(() -> roomDeltas.stream().flatMap(d -> d.getJsonArray("lines").stream()).anyMatch(l -> "hello again".equals(((JsonObject) l).getString("text"))), 5000, "room deltas flow again");
      HttpResponse<Buffer> healthy = WebClient.create(vertx).get(node.port(), "127.0.0.1", "/health").send().await(10, TimeUnit.SECONDS);
      assertEquals(200, healthy.statusCode(), healthy.bodyAsString());
    }
  }

  /** Retries call_started until Redis accepts writes again (pooled connections reconnect). */
  private static void awaitStatus(AgentPoster agent, int status, long since) {
    Eventually.eventually("ingest recovers within 5 s", Duration.ofMillis(Math.max(1, 5000 - (System.currentTimeMillis() - since))),
        () -> agent.post("call_started", new JsonObject()).await(5, TimeUnit.SECONDS).statusCode() == status);
  }

  private static void await(java.util.function.BooleanSupplier condition, long ms, String what) {
    Eventually.eventually(what, Duration.ofMillis(ms), condition::getAsBoolean);
  }
}
