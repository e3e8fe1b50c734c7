package io.switchboard.app;

import io.switchboard.testkit.RedisCallReads;
import io.switchboard.testkit.NodeProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.live.RedisKeys;
import io.switchboard.testkit.FreePort;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scaled-out ingest keeps one room in the agent's send order (docs/architecture.md#ordering): an
 * agent fires a call's events at once over many connections, tagged with {@code send_seq}; whichever
 * ingest instance (two in one JVM, or one on each of two nodes) applies each one, the final lines
 * land in send order and every interim is replaced by its final, never the other way round.
 */
class SendOrderTest {
  private static final int SEGMENTS = 60;
  private static final int WINDOW = 16;
  /** Generous: a machine shared by many builds can delay one post by a second; order must not depend on it. */
  private static final int WAIT_MS = 5000;
  private static TestRedis redis;
  private static Vertx vertx;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void start() {
    redis = TestRedis.start();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
    redis.close();
  }

  @Test
  void twoIngestInstancesInOneJvmApplyARoomInSendOrder() throws Exception {
    try (TestNode node =
        TestNode.start(redis.url(), "gateway,ingest", new JsonObject().put("instances", "ingest=2").put("ingest.rate.per.second", 0).put("ingest.order.wait.ms", WAIT_MS))) {
      for (int round = 0; round < 3; round++) {
        assertAppliedInSendOrder(node.port(), "order-jvm-" + UUID.randomUUID().toString().substring(0, 8));
      }
    }
  }

  @Test
  void ingestOnTwoNodesAppliesARoomInSendOrder() throws Exception {
    int hzA = FreePort.get();
    int hzB = FreePort.get();
    int httpPort = FreePort.get();
    String members = "127.0.0.1:" + hzA + ",127.0.0.1:" + hzB;
    Map<String, String> env = Map.of("REDIS_URL", redis.url());
    String[] common = {"--cluster", "--cluster-members", members, "--set", "agent.keys.test-agent=" + TestNode.AGENT_KEY,
        "--set", "ingest.rate.per.second=0", "--set", "ingest.order.wait.ms=" + WAIT_MS};
    try (NodeProcess b = NodeProcess.start("order-b", env, concat(common, "--verticles", "ingest", "--cluster-port", "" + hzB));
        NodeProcess a =
            NodeProcess.start(
                "order-a", env, concat(common, "--verticles", "gateway,ingest", "--cluster-port", "" + hzA, "--http-port", "" + httpPort,
                    "--set", "health.expect=gateway,ingest"))) {
      b.awaitReady(Duration.ofSeconds(90));
      a.awaitReady(Duration.ofSeconds(90));
      awaitIngestOnBothNodes(httpPort);
      for (int round = 0; round < 3; round++) {
        assertAppliedInSendOrder(httpPort, "order-nodes-" + UUID.randomUUID().toString().substring(0, 8));
      }
    }
  }

  /**
   * The guard never loses or blocks: a missing send_seq is waited for only ingest.order.wait.ms, a
   * late state-only event is dropped as stale (newer state wins), a late line is still kept, and
   * events without send_seq (seed agents) are applied as they come.
   */
  @Test
  void aMissingSendSeqDelaysButNeverLosesAndLateStateIsStale() throws Exception {
    try (TestNode node = TestNode.start(redis.url(), "gateway,ingest", new JsonObject().put("ingest.order.wait.ms", 300))) {
      String room = "order-gap-" + UUID.randomUUID().toString().substring(0, 8);
      String session = "s-gap";
      post(node.port(), event(room, session, "call_started", new JsonObject()).put("send_seq", 1));
      long t0 = System.nanoTime();
      post(node.port(), event(room, session, "transcript", new JsonObject().put("role", "user").put("text", "third").put("final", true))
          .put("send_seq", 3));
      long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(waitedMs >= 250, "send_seq 3 waited for 2 (" + waitedMs + " ms)");
      // 2 arrives late: its interim is stale, its line is kept
      JsonObject stale = post(node.port(), event(room, session, "transcript", new JsonObject().put("role", "user").put("text", "old interim")
          .put("final", false)).put("send_seq", 2));
      assertEquals(true, stale.getBoolean("stale"), stale.encode());
      post(node.port(), event(room, session, "transcript", new JsonObject().put("role", "user").put("text", "second").put("final", true))
          .put("send_seq", 2));
      // no send_seq at all: applied in arrival order, as for the seed's agent
      post(node.port(), event(room, session, "transcript", new JsonObject().put("role", "agent").put("text", "no counter").put("final", true)));
      RedisAPI api = RedisAPI.api(Redis.createClient(vertx, redis.url()));
      try {
        assertEquals(List.of("third", "second", "no counter"), finals(api, room));
        Response interim = api.hget(RedisKeys.call(room), "interim").await(5, TimeUnit.SECONDS);
        assertEquals("", interim == null ? "" : interim.toString(), "the stale interim did not come back");
      } finally {
        api.close();
      }
    }
  }

  private JsonObject post(int port, JsonObject event) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/call-event"))
        .header("Content-Type", "application/json").header("X-API-Key", TestNode.AGENT_KEY)
        .POST(HttpRequest.BodyPublishers.ofString(event.encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(202, r.statusCode(), event.encode() + " → " + r.body());
    return new JsonObject(r.body());
  }

  private static List<String> finals(RedisAPI api, String room) {
    return RedisCallReads.lines(api, room).stream().filter(l -> "transcript".equals(l.getString("kind"))).map(l -> l.getString("text")).toList();
  }

  /**
   * One call: call_started, then per segment an interim and its final, all posted at once; the
   * log must hold the finals in send order and no stale interim may survive its final.
   */
  private void assertAppliedInSendOrder(int port, String room) throws Exception {
    String session = "s-" + room;
    List<JsonObject> events = new ArrayList<>();
    events.add(event(room, session, "call_started", new JsonObject().put("customer", "c")));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < SEGMENTS; i++) {
      String seg = "u-" + i;
      events.add(event(room, session, "transcript", new JsonObject().put("role", "user").put("text", "partial " + i).put("final", false).put("segment_id", seg)));
      events.add(event(room, session, "transcript", new JsonObject().put("role", "user").put("text", "line " + i).put("final", true).put("segment_id", seg)));
      expected.add("line " + i);
    }
    for (int i = 0; i < events.size(); i++) {
      events.get(i).put("send_seq", i + 1);
    }
    // an agent with a window of WINDOW unanswered posts, each on its own connection: they overtake each other
    java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(WINDOW);
    List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
    for (JsonObject e : events) {
      assertTrue(window.tryAcquire(20, TimeUnit.SECONDS), "a post answered within 20 s");
      CompletableFuture<HttpResponse<String>> reply = http.sendAsync(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/call-event"))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .header("X-API-Key", TestNode.AGENT_KEY)
              .POST(HttpRequest.BodyPublishers.ofString(e.encode()))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      reply.whenComplete((r, err) -> window.release());
      replies.add(reply);
    }
    for (int i = 0; i < replies.size(); i++) {
      HttpResponse<String> r = replies.get(i).get(20, TimeUnit.SECONDS);
      assertTrue(r.statusCode() / 100 == 2, "event " + (i + 1) + ": " + r.statusCode() + " " + r.body());
    }
    RedisAPI api = RedisAPI.api(Redis.createClient(vertx, redis.url()));
    try {
      List<String> finals = new ArrayList<>();
      Response log = api.xrange(List.of(RedisKeys.log(room), "-", "+")).await(5, TimeUnit.SECONDS);
      for (Response entry : log) {
        Response fields = entry.get(1);
        for (int f = 0; f + 1 < fields.size(); f += 2) {
          if ("line".equals(fields.get(f).toString())) {
            JsonObject line = new JsonObject(fields.get(f + 1).toString());
            if ("transcript".equals(line.getString("kind"))) {
              finals.add(line.getString("text"));
            }
          }
        }
      }
      assertEquals(expected, finals, "final lines of " + room + " in send order");
      Response interim = api.hget(RedisKeys.call(room), "interim").await(5, TimeUnit.SECONDS);
      assertEquals("", interim == null ? "" : interim.toString(), "the last final replaced every interim");
      assertEquals(String.valueOf(events.size()), api.hget(RedisKeys.call(room), "last_send_seq").await(5, TimeUnit.SECONDS).toString());
    } finally {
      api.close();
    }
  }

  private static JsonObject event(String room, String session, String type, JsonObject data) {
    return new JsonObject().put("room_name", room).put("session_id", session).put("event_type", type).put("data", data);
  }

  /** Both nodes' ingest answer /health (so the bus spreads events over both). */
  private void awaitIngestOnBothNodes(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        last = r.body();
        if (r.statusCode() == 200) {
          JsonObject cluster = ClusterTwoProcessesTest.check(new JsonObject(r.body()), "cluster", null);
          if (cluster.getJsonObject("data").getInteger("members") == 2) {
            return;
          }
        }
      } catch (java.io.IOException e) {
        last = e.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("cluster of 2 not seen: " + last);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
