package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.testkit.BridgeClient;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Late join with two debouncers: only one of them publishes for (and hears the debug events of) a
 * room, but the bus spreads call.history requests over both; every answer must carry the room's
 * recent debug events, so they live in Redis, not in the publisher's memory.
 */
@ExtendWith(VertxExtension.class)
class ClusterDebugHistoryTest {

  @Test
  void everyDebouncerAnswersALateJoinWithTheRoomsDebugEvents(Vertx vertx) throws Exception {
    try (TestRedis redis = TestRedis.start();
        TestNode node = TestNode.start(redis.url(), "gateway,ingest,debouncer", new JsonObject().put("instances", "debouncer=2"))) {
      String room = "dbg-" + UUID.randomUUID().toString().substring(0, 8);
      AgentPoster agent = new AgentPoster(vertx, node.port(), room, "s-dbg", false);
      BridgeClient late = node.bridge(vertx, "viewer");
      try {
        assertEquals(202, agent.post("call_started", new JsonObject()).await(5, TimeUnit.SECONDS).statusCode());
        // the owning debouncer starts recording with the room's first delta: post until one is kept
        long deadline = System.currentTimeMillis() + 10_000;
        boolean recorded = false;
        while (!recorded && System.currentTimeMillis() < deadline) {
          agent.post("debug", new JsonObject().put("kind", "probe")).await(5, TimeUnit.SECONDS);
          recorded = !debugOf(late, room).isEmpty();
          Thread.sleep(50);
        }
        assertTrue(recorded, "the room's debug events are recorded");
        for (String state : List.of("listening", "thinking", "speaking")) {
          assertEquals(202, agent.post("debug", new JsonObject().put("kind", "state").put("to", state)).await(5, TimeUnit.SECONDS).statusCode());
        }
        List<String> expected = List.of("listening", "thinking", "speaking");
        deadline = System.currentTimeMillis() + 10_000;
        while (!states(debugOf(late, room)).equals(expected) && System.currentTimeMillis() < deadline) {
          Thread.sleep(50);
        }
        // now every debouncer must say the same, whichever the bus picks
        for (int i = 0; i < 8; i++) {
          assertEquals(expected, states(debugOf(late, room)), "answer " + i);
        }
      } finally {
        late.close();
        agent.close();
      }
    }
  }

  private static List<JsonObject> debugOf(BridgeClient client, String room) throws Exception {
    JsonObject history = client.request(Addresses.CALL_HISTORY, new JsonObject().put("room", room)).await(5, TimeUnit.SECONDS);
    return history.getJsonArray("debug").stream().map(JsonObject.class::cast).toList();
  }

  /** The state events among the debug events, oldest first. */
  private static List<String> states(List<JsonObject> debug) {
    return debug.stream().map(d -> d.getJsonObject("data")).filter(d -> "state".equals(d.getString("kind"))).map(d -> d.getString("to")).toList();
  }
}
