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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The change feed in a running node (docs/architecture.md#change-feed): agent events over HTTP,
 * the real apply script's records and keyspace notifications on the debouncer's one connection,
 * deltas to a bridge client — with another writer changing the same call hash in between. The
 * client's deltas folded together equal the call in Redis, line for line and field for field, and
 * the debouncer published most flushes from the feed and read the rooms the other writer touched.
 */
@ExtendWith(VertxExtension.class)
class ChangeFeedEndToEndTest {
  private static TestRedis redis;
  private static TestNode node;

  @BeforeAll
  static void start() {
    redis = TestRedis.start();
    node = TestNode.start(redis.url(), "gateway,ingest,debouncer,sentiment", new JsonObject());
  }

  @AfterAll
  static void stop() {
    node.close();
    redis.close();
  }

  @Test
  void deltasFoldToTheCallInRedisWithAnotherWriterInBetween(Vertx vertx) throws Exception {
    String room = "feed-e2e";
    List<JsonObject> deltas = new CopyOnWriteArrayList<>();
    BridgeClient client = node.bridge(vertx, "viewer");
    client.register(Addresses.call(room), deltas::add).await(5, TimeUnit.SECONDS);
    AgentPoster agent = new AgentPoster(vertx, node.port(), room, "s-feed", true);
    RedisAPI other = RedisAPI.api(Redis.createClient(vertx, redis.url()));
    assertEquals(202, agent.post("call_started", new JsonObject().put("customer", "Ada")).await(5, TimeUnit.SECONDS).statusCode());
    for (int i = 0; i < 40; i++) {
      agent.line(i % 2 == 0 ? "user" : "agent", "line " + i + ": ünïcødé\nnext").await(5, TimeUnit.SECONDS);
      agent.post("agent_state", new JsonObject().put("state", i % 2 == 0 ? "thinking" : "speaking")).await(5, TimeUnit.SECONDS);
      if (i % 8 == 3) {
        // a writer that publishes no record (a field as control sets it)
        other.hset(List.of(RedisKeys.call(room), CallFields.TAKEOVER_BY, "sup-" + i)).await(5, TimeUnit.SECONDS);
      }
      Thread.sleep(i % 3 == 0 ? 60 : 5); // pacing, not a wait: some events share a window, some do not
    }

    eventually("the folded deltas equal the call in Redis", Duration.ofSeconds(15), () -> {
      JsonObject fromRedis = LiveStateCodec.fields(other.hgetall(RedisKeys.call(room)).await(5, TimeUnit.SECONDS));
      fromRedis.getMap().values().removeIf(java.util.Objects::isNull); // an empty JSON field reads as none, as a client holds it
      assertEquals(fromRedis, folded(deltas)); // JsonObject equality: field order and map/JsonObject forms aside
    });
    List<JsonObject> lines = new ArrayList<>();
    deltas.forEach(d -> d.getJsonArray("lines").forEach(l -> lines.add((JsonObject) l)));
    List<JsonObject> stored = io.switchboard.testkit.RedisCallReads.lines(other, room);
    assertEquals(stored.size(), lines.size(), "every line once");
    for (int i = 0; i < stored.size(); i++) {
      assertEquals(stored.get(i).put("seq", (long) i + 1), lines.get(i), "line " + (i + 1));
    }

    JsonObject debouncer = HealthReport.data(node.port(), "verticles", "debouncer");
    long fromFeed = debouncer.getLong("flushesFromFeed");
    long fromReads = debouncer.getLong("flushesFromReads");
    assertTrue(fromFeed > fromReads, "most flushes from the feed: " + debouncer);
    assertTrue(fromReads >= 2, "the call's start and the other writer's changes were read: " + debouncer);
    client.close();
    agent.close();
  }

  /** Every delta's fields applied in order, as a client holds them (a null removes the field). */
  private static JsonObject folded(List<JsonObject> deltas) {
    JsonObject fields = new JsonObject();
    for (JsonObject d : deltas) {
      d.getJsonObject("fields").forEach(e -> {
        if (e.getValue() == null) {
          fields.remove(e.getKey());
        } else {
          fields.put(e.getKey(), e.getValue());
        }
      });
    }
    return fields;
  }
}
