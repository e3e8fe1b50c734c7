package io.switchboard.app;

import static io.switchboard.testkit.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.RedisKeys;
import io.switchboard.platform.redis.LiveStateCodec;
import io.switchboard.testkit.BridgeClient;
import io.switchboard.testkit.HealthReport;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deltas only for watched rooms in a running node (docs/architecture.md#watched-rooms): while no
 * bridge socket watches a room the debouncer builds no delta for it but the call list still shows
 * its changes; the first socket to watch it receives the whole call at once (fields that changed
 * without a line included), then its deltas as usual.
 */
@ExtendWith(VertxExtension.class)
class WatchedRoomsEndToEndTest {
  private static TestRedis redis;
  private static TestNode node;

  @BeforeAll
  static void start() {
    redis = TestRedis.start();
    // a TTL of 300 ms, and the call list unpaced: the test need not wait seconds for either
    node = TestNode.start(redis.url(), "gateway,ingest,debouncer,sentiment",
        new JsonObject().put("watch.refresh.ms", 100).put("debouncer.list.routine.ms", 0));
  }

  @AfterAll
  static void stop() {
    node.close();
    redis.close();
  }

  @Test
  void aRoomNobodyWatchesBuildsNoDeltaAndItsFirstWatcherGetsTheWholeCall(Vertx vertx) throws Exception {
    String room = "watch-e2e";
    List<JsonObject> upserts = new CopyOnWriteArrayList<>();
    BridgeClient lister = node.bridge(vertx, "supervisor");
    lister.register(Addresses.CALLS_ACTIVE, d -> d.getJsonArray("upserts").forEach(u -> {
      if (room.equals(((JsonObject) u).getString(CallFields.ROOM))) {
        upserts.add((JsonObject) u);
      }
    })).await(5, TimeUnit.SECONDS);
    AgentPoster agent = new AgentPoster(vertx, node.port(), room, "s-watch", true);
    RedisAPI direct = RedisAPI.api(Redis.createClient(vertx, redis.url()));
    assertEquals(202, agent.post("call_started", new JsonObject().put("customer", "Ada")).await(5, TimeUnit.SECONDS).statusCode());

    long unwatched = 0;
    for (int i = 0; i < 200 && unwatched < 3; i++) {
      agent.line("user", "unseen line " + i).await(5, TimeUnit.SECONDS);
      Thread.sleep(30); // pacing: one event per window
      unwatched = debouncerHealth().getLong("flushesUnwatched");
    }
    assertTrue(unwatched >= 3, "the debouncer built no delta for the unwatched room: " + debouncerHealth());
    // a change without a line while nobody watches: the call list shows it
    agent.post("agent_state", new JsonObject().put("state", "paused")).await(5, TimeUnit.SECONDS);
    eventually("the call list shows the unwatched room's change", Duration.ofSeconds(10),
        () -> assertTrue(upserts.stream().anyMatch(u -> "paused".equals(u.getString(CallFields.AGENT_STATE))), upserts.toString()));

    List<JsonObject> deltas = new CopyOnWriteArrayList<>();
    BridgeClient watcher = node.bridge(vertx, "viewer");
    watcher.register(Addresses.call(room), deltas::add).await(5, TimeUnit.SECONDS);
    JsonObject inRedis = LiveStateCodec.fields(direct.hgetall(RedisKeys.call(room)).await(5, TimeUnit.SECONDS));
    inRedis.getMap().values().removeIf(Objects::isNull); // an empty JSON field reads as none, as a client holds it
    eventually("the first watcher's first delta", Duration.ofSeconds(10), () -> assertTrue(!deltas.isEmpty()));
    JsonObject first = deltas.get(0);
    JsonObject held = first.getJsonObject("fields").copy();
    held.getMap().values().removeIf(Objects::isNull); // null: the client holds no such field
    assertEquals(inRedis, held, "every field of the call, agent_state paused included");
    long seq = first.getLong("toSeq");
    assertEquals(inRedis.getLong(CallFields.LAST_SEQ), seq);

    agent.line("user", "seen line").await(5, TimeUnit.SECONDS);
    eventually("the next line reaches the watcher", Duration.ofSeconds(10), () -> assertTrue(
        deltas.stream().anyMatch(d -> d.getJsonArray("lines").stream().anyMatch(l -> ((JsonObject) l).getLong("seq") == seq + 1)), deltas.toString()));
    assertTrue(debouncerHealth().getInteger("watchedRooms") >= 1);
    watcher.close();
    lister.close();
    agent.close();
  }

  private static JsonObject debouncerHealth() throws Exception {
    return HealthReport.data(node.port(), "verticles", "debouncer");
  }
}
