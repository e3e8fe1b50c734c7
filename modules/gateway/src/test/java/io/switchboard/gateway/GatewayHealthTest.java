package io.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.VerticleName;
import io.switchboard.testkit.FreePort;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A dead dependency makes {@code /health} a 503 naming it, within the health timeout — never a 500
 * "procedure failed" because a probe outlived its procedure (found by scripts/chaos: with MongoDB
 * killed, /health answered 500 and the late probe completed an already-timed-out promise).
 */
@ExtendWith(VertxExtension.class)
class GatewayHealthTest {

  @Test
  void deadMongoIsA503NamingIt(Vertx vertx) throws Exception {
    // nothing listens there: the driver waits for a server until its selection timeout
    JsonObject body = health(vertx, new JsonObject().put("mongo.url", "mongodb://127.0.0.1:" + FreePort.get()), 503);
    assertTrue(body.encode().contains("\"id\":\"mongo\",\"status\":\"DOWN\""), body.encode());
  }

  @Test
  void verticleThatNeverAnswersIsA503NamingIt(Vertx vertx) throws Exception {
    // registered but silent: a node that hangs
    vertx.eventBus().consumer(Addresses.health(VerticleName.INGEST), m -> { });
    JsonObject body = health(vertx, new JsonObject().put("health.expect", "gateway,ingest"), 503);
    assertTrue(body.encode().contains("\"id\":\"ingest\",\"status\":\"DOWN\""), body.encode());
  }

  private static JsonObject health(Vertx vertx, JsonObject extra, int expected) throws Exception {
    JsonObject config = new JsonObject()
        .put("http.port", 0)
        .put("http.host", "127.0.0.1")
        .put("health.expect", "gateway")
        .put("health.timeout.ms", 1000)
        .put("auth.jwt.secret", "health-test-secret-0123456789-0123456789")
        .mergeIn(extra);
    vertx.deployVerticle(new GatewayVerticle(), new DeploymentOptions().setConfig(config)).await(20, TimeUnit.SECONDS);
    int port = (Integer) vertx.sharedData().getLocalMap(GatewayVerticle.NODE_MAP).get("http.port");
    WebClient web = WebClient.create(vertx);
    try {
      long t0 = System.nanoTime();
      var r = web.get(port, "127.0.0.1", "/health").send().await(10, TimeUnit.SECONDS);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertEquals(expected, r.statusCode(), r.bodyAsString());
      // a bound, not a latency figure: a loaded machine delays the first driver call by seconds
      assertTrue(ms < 10_000, "answered, no hang: " + ms + " ms");
      return r.bodyAsJsonObject();
    } finally {
      web.close();
    }
  }
}
