package io.switchboard.app;

import static io.switchboard.testkit.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testkit.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One agent key flooding ingest gets 429 with Retry-After, and only that key: another agent's
 * events sent at the same moment are all accepted, and the flooder is served again after the wait.
 */
@ExtendWith(VertxExtension.class)
class AgentRateLimitTest {
  private static final String OTHER_KEY = "other-agent-key";

  @Test
  void aFloodingKeyIsLimitedAndOthersAreNot(Vertx vertx) throws Exception {
    JsonObject extra = new JsonObject().put("agent.keys.other-agent", OTHER_KEY).put("ingest.rate.per.second", 20);
    try (TestRedis redis = TestRedis.start();
        TestNode node = TestNode.start(redis.url(), "gateway,ingest,debouncer", extra);
        AgentPoster flood = new AgentPoster(vertx, node.port(), "rl-flood", "s-1", false);
        AgentPoster calm = new AgentPoster(vertx, node.port(), "rl-calm", "s-1", false)) {
      List<Future<HttpResponse<Buffer>>> flooded = new ArrayList<>();
      List<Future<HttpResponse<Buffer>>> others = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        flooded.add(flood.raw(event("rl-flood", i).encode(), TestNode.AGENT_KEY));
        if (i % 12 == 0) {
          others.add(calm.raw(event("rl-calm", i).encode(), OTHER_KEY));
        }
      }
      Future.join(new ArrayList<>(flooded)).await(20, TimeUnit.SECONDS);
      Future.join(new ArrayList<>(others)).await(20, TimeUnit.SECONDS);

      int accepted = 0;
      int limited = 0;
      for (Future<HttpResponse<Buffer>> f : flooded) {
        HttpResponse<Buffer> r = f.result();
        if (r.statusCode() == 202) {
          accepted++;
        } else {
          assertEquals(429, r.statusCode(), r.bodyAsString());
          limited++;
          long retry = Long.parseLong(r.getHeader("Retry-After"));
          assertTrue(retry >= 1 && retry <= 2, "Retry-After " + retry);
          assertEquals("too_many_requests", r.bodyAsJsonObject().getString("error"));
        }
      }
      assertTrue(limited > 0, "the flood was limited");
      assertTrue(accepted >= 20 && accepted <= 60, "about 20 per second accepted, got " + accepted);
      for (Future<HttpResponse<Buffer>> f : others) {
        assertEquals(202, f.result().statusCode(), "another agent is unaffected: " + f.result().bodyAsString());
      }

      eventually("served again after Retry-After", Duration.ofSeconds(3),
          () -> assertEquals(202, flood.raw(event("rl-flood", 999).encode(), TestNode.AGENT_KEY).await(5, TimeUnit.SECONDS).statusCode(), "served again after Retry-After"));
    }
  }

  private static JsonObject event(String room, int i) {
    return new JsonObject().put("room_name", room).put("session_id", "s-1").put("event_type", "transcript")
        .put("event_id", "e-" + i)
        .put("data", new JsonObject().put("role", "user").put("text", "line " + i).put("final", true));
  }
}
