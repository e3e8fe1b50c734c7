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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * calls.active deltas are versioned by one cluster-wide counter (two debouncers publish here, each
 * for its own rooms) and calls.snapshot says which version it reflects: a client can tell a delta
 * that raced its snapshot (version ≤ snapshot's) from the next one (snapshot's + 1) and a gap.
 */
@ExtendWith(VertxExtension.class)
class CallListVersionTest {

  @Test
  void deltasAreNumberedInOneSequenceAndTheSnapshotSaysWhereItStands(Vertx vertx) throws Exception {
    try (TestRedis redis = TestRedis.start();
        TestNode node = TestNode.start(redis.url(), "gateway,ingest,debouncer", new JsonObject().put("instances", "debouncer=2"))) {
      BridgeClient viewer = node.bridge(vertx, "viewer");
      List<JsonObject> deltas = new CopyOnWriteArrayList<>();
      viewer.register(Addresses.CALLS_ACTIVE, deltas::add).await(5, TimeUnit.SECONDS);
      String prefix = "ver-" + UUID.randomUUID().toString().substring(0, 6) + "-";
      for (int i = 0; i < 6; i++) {
        AgentPoster agent = new AgentPoster(vertx, node.port(), prefix + i, "s-" + i, false);
        assertEquals(202, agent.post("call_started", new JsonObject()).await(5, TimeUnit.SECONDS).statusCode());
        agent.close();
      }
      await(deltas, d -> upserted(d, prefix + "5"));
      await(deltas, d -> rooms(deltas).containsAll(List.of(prefix + "0", prefix + "1", prefix + "2", prefix + "3", prefix + "4")));

      // two debouncer instances publish: their deltas may cross on the way (docs/event-bus.md#calls-active-versions,
      // clients re-sync by snapshot), but every delta has its own version and none is skipped
      List<Long> versions = deltas.stream().map(d -> d.getLong("version", 0L)).sorted().toList();
      for (int i = 0; i < versions.size(); i++) {
        assertEquals(versions.get(0) + i, versions.get(i), "one version per delta, none missing: " + versions);
      }
      long previous = versions.get(versions.size() - 1);
      JsonObject snapshot = viewer.request(Addresses.CALLS_SNAPSHOT, new JsonObject()).await(5, TimeUnit.SECONDS);
      long at = snapshot.getLong("version");
      assertTrue(at >= previous, "the snapshot reflects every delta received before it: " + at + " < " + previous);
      assertEquals(6, snapshot.getJsonArray("calls").stream().map(JsonObject.class::cast).filter(c -> c.getString("room").startsWith(prefix)).count());

      AgentPoster agent = new AgentPoster(vertx, node.port(), prefix + "late", "s-late", false);
      assertEquals(202, agent.post("call_started", new JsonObject()).await(5, TimeUnit.SECONDS).statusCode());
      agent.close();
      await(deltas, d -> upserted(d, prefix + "late"));
      long next = deltas.stream().mapToLong(d -> d.getLong("version", 0L)).filter(v -> v > at).min().orElseThrow();
      assertEquals(at + 1, next, "the first delta after the snapshot is its version + 1");
      viewer.close();
    }
  }

  private static boolean upserted(JsonObject delta, String room) {
    return delta.getJsonArray("upserts").stream().map(JsonObject.class::cast).anyMatch(u -> room.equals(u.getString("room")));
  }

  private static List<String> rooms(List<JsonObject> deltas) {
    return deltas.stream().flatMap(d -> d.getJsonArray("upserts").stream()).map(JsonObject.class::cast).map(u -> u.getString("room")).toList();
  }

  private static JsonObject await(List<JsonObject> deltas, Predicate<JsonObject> match) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      for (JsonObject d : deltas) {
        if (match.test(d)) {
          return d;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no such delta in " + deltas);
  }
}
