package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.platform.config.Settings;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A standalone node on embedded defaults: every verticle, embedded Redis and Mongo, all UP. */
class EmbeddedNodeTest {

  @Test
  void allVerticlesUpOnEmbeddedStoresAndNothingLeftAfterClose() throws Exception {
    List<ProcessHandle> before = ProcessHandle.current().children().toList();
    SwitchboardNode node =
        SwitchboardNode.start(new Settings(new JsonObject().put("http.port", 0).put("mongo.embedded", "memory")));
    List<ProcessHandle> redisChildren;
    try {
      assertTrue(node.httpPort() > 0);
      assertTrue(node.redisUrl().startsWith("redis://127.0.0.1:"));
      assertTrue(node.mongoUrl().startsWith("mongodb://127.0.0.1:"));
      redisChildren = ProcessHandle.current().children().filter(p -> !before.contains(p)).toList();
      assertFalse(redisChildren.isEmpty(), "embedded redis runs as a child process");

      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      JsonObject health = new JsonObject(r.body());
      assertEquals("UP", health.getString("outcome"));
      for (String id : List.of("redis", "mongo", "cluster")) {
        assertEquals("UP", ClusterTwoProcessesTest.check(health, id, null).getString("status"), id);
      }
      for (String v : io.switchboard.contract.VerticleName.ids()) {
        assertEquals("UP", ClusterTwoProcessesTest.check(health, "verticles", v).getString("status"), v);
      }
    } finally {
      node.close();
    }
    for (ProcessHandle p : redisChildren) {
      p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertFalse(p.isAlive(), "embedded redis stopped");
    }
  }
}
