package io.switchboard.app;

import static io.switchboard.testkit.Eventually.eventuallyGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testkit.FreePort;
import io.switchboard.testkit.HealthReport;
import io.switchboard.testkit.NodeProcess;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two clustered nodes in separate JVMs on 127.0.0.1: A runs the gateway, B runs ingest. A's
 * /health reaches B's verticle over the clustered bus (request and reply cross processes); after
 * B is killed, A keeps serving and reports the missing service.
 */
class ClusterTwoProcessesTest {
  private static TestRedis redis;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void redis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Test
  void gatewayOnOneNodeReachesIngestOnAnotherAndSurvivesItsDeath() throws Exception {
    int hzA = FreePort.get();
    int hzB = FreePort.get();
    int httpPort = FreePort.get();
    String members = "127.0.0.1:" + hzA + ",127.0.0.1:" + hzB;
    Map<String, String> env = Map.of("REDIS_URL", redis.url());
    try (NodeProcess b =
            NodeProcess.start("node-b", env, "--cluster", "--verticles", "ingest", "--cluster-port", "" + hzB, "--cluster-members", members);
        NodeProcess a =
            NodeProcess.start(
                "node-a", env, "--cluster", "--verticles", "gateway", "--cluster-port", "" + hzA, "--cluster-members", members,
                "--http-port", "" + httpPort, "--set", "health.expect=gateway,ingest")) {
      b.awaitReady(Duration.ofSeconds(90));
      a.awaitReady(Duration.ofSeconds(90));

      JsonObject up = awaitHealth(httpPort, 200, Duration.ofSeconds(30));
      JsonObject ingest = check(up, "verticles", "ingest");
      assertEquals("UP", ingest.getString("status"));
      // the reply came from the other JVM: its node id differs from the gateway's
      assertTrue(!ingest.getJsonObject("data").getString("node").equals(check(up, "verticles", "gateway").getJsonObject("data").getString("node")));
      assertEquals(2, check(up, "cluster", null).getJsonObject("data").getInteger("members"));

      b.kill();
      JsonObject down = awaitHealth(httpPort, 503, Duration.ofSeconds(30));
      JsonObject missing = check(down, "verticles", "ingest");
      assertEquals("DOWN", missing.getString("status"));
      assertEquals("UP", check(down, "verticles", "gateway").getString("status"));
      assertTrue(a.handle().isAlive(), "node A survived");
    }
  }

  private JsonObject awaitHealth(int port, int status, Duration timeout) throws Exception {
    String[] last = {""};
    try {
      return eventuallyGet("health answers " + status, timeout, () -> {
        try {
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5)).build(),
                  HttpResponse.BodyHandlers.ofString());
          last[0] = r.statusCode() + " " + r.body();
          return r.statusCode() == status ? new JsonObject(r.body()) : null;
        } catch (java.io.IOException e) {
          last[0] = e.toString();
          return null;
        }
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("health never answered " + status + "; last: " + last[0], e);
    }
  }

  /** A check by id, optionally nested one level (e.g. verticles → ingest). */
  static JsonObject check(JsonObject health, String id, String child) {
    JsonObject c = child == null ? HealthReport.check(health, id) : HealthReport.check(health, id, child);
    if (c == null) {
      throw new AssertionError("no check " + id + "/" + child + " in " + health.encode());
    }
    return c;
  }
}
