package io.switchboard.ingest;

import io.switchboard.testkit.RedisCallReads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.live.CallEvent;
import io.switchboard.contract.live.EventType;
import io.switchboard.contract.live.RedisKeys;
import io.switchboard.platform.redis.PatternSubscription;
import io.switchboard.testkit.Eventually;
import io.switchboard.testkit.RedisPerClass;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The apply script writes all the fields an event changes with one {@code HSET}: one keyspace
 * notification per event for the call hash (the debouncer parses every notification), and the
 * same hash as when it wrote them one by one.
 */
class OneHashWritePerEventTest {
  @RegisterExtension static final RedisPerClass redis = new RedisPerClass();
  private Vertx vertx;
  private RedisAPI api;
  private PatternSubscription subscription;
  private final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    api = redis.connect(vertx);
    api.flushall(List.of()).await();
    subscription = new PatternSubscription(vertx, Redis.createClient(vertx, redis.url()), "__keyspace@0__:call:*",
        conn -> conn.send(Request.cmd(Command.CONFIG).arg("SET").arg("notify-keyspace-events").arg(io.switchboard.contract.live.RedisKeys.KEYSPACE_EVENTS)),
        (channel, message) -> events.add(channel.substring("__keyspace@0__:".length()) + " " + message), () -> { });
    subscription.start();
    Eventually.eventually("keyspace subscription", Duration.ofSeconds(10), subscription::subscribed);
  }

  @AfterEach
  void stop() {
    subscription.stop();
    vertx.close().await();
  }

  @Test
  void aCustomerLineChangesTheCallHashWithOneWrite() {
    LiveStateWriter writer = new LiveStateWriter(api, 2000, new IngestMetrics());
    long now = System.currentTimeMillis();
    apply(writer, "call_started", new JsonObject().put("agent", "aria").put("customer", "Ana").put("language", "en"), now);
    marker("started");
    events.clear();

    // a final line with an interim to clear and a session metric: several fields of the hash change
    ApplyResult r = apply(writer, "transcript", new JsonObject().put("role", "user").put("text", "where is my order").put("final", true)
        .put("segment_id", "u1"), now + 1);
    marker("line");

    assertTrue(r.ok(), String.valueOf(r));
    List<String> forTheHash = events.stream().takeWhile(e -> !e.startsWith("call:r1:marker")).filter(e -> e.startsWith("call:r1 ")).toList();
    assertEquals(List.of("call:r1 hset"), forTheHash, "keyspace events of the call hash for one event: " + events);
    Map<String, String> hash = RedisCallReads.hash(api, "r1");
    assertEquals(String.valueOf(r.seq()), hash.get("last_seq"));
    assertEquals(String.valueOf(now + 1), hash.get("updated_at"));
    assertEquals("active", hash.get("status"));
    assertEquals("Ana", hash.get("customer"));
  }

  @Test
  void theEndOfACallIsOneWriteToo() {
    LiveStateWriter writer = new LiveStateWriter(api, 2000, new IngestMetrics());
    long now = System.currentTimeMillis();
    apply(writer, "call_started", new JsonObject().put("agent", "aria"), now);
    marker("started");
    events.clear();
    apply(writer, "call_ended", new JsonObject().put("reason", "completed"), now + 5);
    marker("ended");
    List<String> forTheHash = events.stream().takeWhile(e -> !e.startsWith("call:r1:marker")).filter(e -> e.startsWith("call:r1 ")).toList();
    assertEquals(List.of("call:r1 hset"), forTheHash, "keyspace events: " + events);
    Map<String, String> hash = RedisCallReads.hash(api, "r1");
    assertEquals("ended", hash.get("status"));
    assertEquals(String.valueOf(now + 5), hash.get("ended_at"));
    assertEquals("", hash.get("interim"));
  }

  private ApplyResult apply(LiveStateWriter writer, String type, JsonObject data, long now) {
    CallEvent event = new CallEvent("r1", "s1", type, null, 0, data);
    Future<ApplyResult> f = writer.apply("r1", "s1", EventPlanner.plan(event, EventType.byWire(type).orElseThrow(), now), now, false);
    return f.await();
  }

  /** A write after the event's: notifications arrive in command order, so once it is seen, all of the event's are. */
  private void marker(String name) {
    // a hash write: with RedisKeys.KEYSPACE_EVENTS only hash, generic and expiry events are notified
    api.hset(List.of("call:r1:marker", "at", name)).await();
    Eventually.eventually("marker " + name, Duration.ofSeconds(10), () -> events.stream().anyMatch(e -> e.startsWith("call:r1:marker")));
  }
}
