package io.switchboard.app;

import static io.switchboard.testkit.Eventually.eventually;
import static io.switchboard.testkit.Eventually.eventuallyGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.testkit.BridgeClient;
import io.switchboard.testkit.Eventually;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTP agent events → ingest → Redis → keyspace notifications → debouncer → deltas → a real
 * WebSocket bridge client, on a real Redis.
 */
@ExtendWith(VertxExtension.class)
class LiveStateEndToEndTest {
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

  private static String room() {
    return "e2e-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void twentyLinesPostedTogetherArriveInAtMostTwoDeltasInOrder(Vertx vertx) throws Exception {
    String room = room();
    List<JsonObject> deltas = new CopyOnWriteArrayList<>();
    BridgeClient client = node.bridge(vertx, "viewer");
    client.register(Addresses.call(room), deltas::add).await(5, TimeUnit.SECONDS);
    AgentPoster agent = new AgentPoster(vertx, node.port(), room, "s-1", true);
    assertEquals(202, agent.post("call_started", new JsonObject().put("customer", "Ada")).await(5, TimeUnit.SECONDS).statusCode());
    try {
      awaitLines(deltas, 1);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; bridge errors: " + client.errors() + " closed=" + client.isClosed());
    }
    deltas.clear();

    List<Future<?>> posts = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      posts.add(agent.line(i % 2 == 0 ? "user" : "agent", "line " + i));
    }
    Future.all(posts).await(10, TimeUnit.SECONDS);
    long postedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

    List<JsonObject> lines = awaitLines(deltas, 20);
    List<String> texts = lines.stream().filter(l -> "transcript".equals(l.getString("kind"))).map(l -> l.getString("text")).toList();
    assertEquals(LongStream.range(0, 20).mapToObj(i -> "line " + i).toList(), texts, "every line, in posting order");
    assertConsecutive(lines.stream().map(l -> l.getLong("seq")).toList());
    long withLines = deltas.stream().filter(d -> !d.getJsonArray("lines").isEmpty()).count();
    // the acceptance bound is for lines posted within 30 ms; a slower post spans more windows
    long allowed = Math.max(2, 1 + postedMs / 50);
    assertTrue(withLines <= allowed, withLines + " deltas for 20 lines posted in " + postedMs + " ms");
    client.close();
    agent.close();
  }

  @Test
  void lateJoinerEndsWithEverySeqExactlyOnceInOrder(Vertx vertx) throws Exception {
    String room = room();
    AgentPoster agent = new AgentPoster(vertx, node.port(), room, "s-lj", false);
    agent.post("call_started", new JsonObject()).await(5, TimeUnit.SECONDS);
    int total = 240;
    LateJoinClient[] joiner = new LateJoinClient[1];
    for (int i = 0; i < total; i++) {
      agent.line("user", "utterance " + i).await(5, TimeUnit.SECONDS);
      if (i == 90) {
        BridgeClient bridge = node.bridge(vertx, "viewer");
        joiner[0] = new LateJoinClient(bridge, room);
        vertx.runOnContext(v -> joiner[0].join());
      }
      Thread.sleep(3); // pacing, not a wait: keeps posting while the late joiner joins
    }
    // +1: the call_started lifecycle line; sentiment annotations add more lines — wait for them
    long expected = awaitStableLastSeq(vertx, room);
    eventually("the late joiner holds every seq", Duration.ofSeconds(5), () -> joiner[0].seqs().size() >= expected);
    List<Long> seqs = new ArrayList<>(joiner[0].seqs());
    assertEquals(expected, seqs.size(), "every seq once");
    assertConsecutive(seqs);
    agent.close();
  }

  @Test
  void aLateJoinerGetsTheRecentAgentDebugEventsWithTheHistory(Vertx vertx) throws Exception {
    String room = room();
    AgentPoster agent = new AgentPoster(vertx, node.port(), room, "s-dbg", false);
    // the debouncer starts watching a room's debug events with its first delta: wait for that delta
    BridgeClient early = node.bridge(vertx, "viewer");
    List<JsonObject> firstDeltas = new CopyOnWriteArrayList<>();
    early.register(Addresses.call(room), firstDeltas::add).await(5, TimeUnit.SECONDS);
    agent.post("call_started", new JsonObject()).await(5, TimeUnit.SECONDS);
    eventually("the room's first delta", Duration.ofSeconds(5), () -> !firstDeltas.isEmpty());
    early.close();
    for (String state : List.of("listening", "thinking", "speaking")) {
      assertEquals(202, agent.post("debug", new JsonObject().put("kind", "state").put("to", state)).await(5, TimeUnit.SECONDS).statusCode());
    }
    BridgeClient late = node.bridge(vertx, "viewer");
    JsonObject history = eventuallyGet("the three debug events reach the ring", Duration.ofSeconds(5), () -> {
      JsonObject h = late.request(Addresses.CALL_HISTORY, new JsonObject().put("room", room)).await(5, TimeUnit.SECONDS);
      return h.getJsonArray("debug").size() >= 3 ? h : null;
    });
    List<String> states = history.getJsonArray("debug").stream().map(JsonObject.class::cast).map(d -> d.getJsonObject("data").getString("to")).toList();
    assertEquals(List.of("listening", "thinking", "speaking"), states, "recent debug events, oldest first");
    assertTrue(history.getJsonArray("lines").stream().map(JsonObject.class::cast).noneMatch(l -> "debug".equals(l.getString("kind"))), "debug events are never stored as log lines");
    late.close();
    agent.close();
  }

  private static long awaitStableLastSeq(Vertx vertx, String room) throws Exception {
    // sentiment annotations keep raising last_seq for a while after the last post; nothing marks
    // the last of them, so: unchanged for 300 ms
    return Eventually.settled("last_seq settles", Duration.ofMillis(300), Duration.ofSeconds(12), () -> {
      var r = io.vertx.redis.client.Redis.createClient(vertx, redis.url());
      try {
        return Long.parseLong(io.vertx.redis.client.RedisAPI.api(r).hget("call:" + room, "last_seq").await(5, TimeUnit.SECONDS).toString());
      } finally {
        r.close();
      }
    });
  }

  static void assertConsecutive(List<Long> seqs) {
    for (int i = 1; i < seqs.size(); i++) {
      assertEquals(seqs.get(i - 1) + 1, seqs.get(i), "seq after " + seqs.get(i - 1) + " in " + seqs);
    }
  }

  /**
   * Waits until the deltas hold at least n lines besides sentiment annotations (which the
   * sentiment verticle adds asynchronously); returns every line in arrival order.
   */
  static List<JsonObject> awaitLines(List<JsonObject> deltas, int n) {
    return eventuallyGet(n + " lines besides annotations in " + deltas, Duration.ofSeconds(5), () -> {
      List<JsonObject> lines = new ArrayList<>();
      for (JsonObject d : deltas) {
        JsonArray ls = d.getJsonArray("lines");
        ls.forEach(o -> lines.add((JsonObject) o));
      }
      return lines.stream().filter(l -> !"annotation".equals(l.getString("kind"))).count() >= n ? List.copyOf(lines) : null;
    });
  }
}
