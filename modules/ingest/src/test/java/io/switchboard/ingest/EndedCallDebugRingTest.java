package io.switchboard.ingest;

import static io.switchboard.testkit.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.RedisKeys;
import io.switchboard.testkit.RedisPerClass;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The debouncer's debug ring of a room ({@code call:<room>:debug}) goes with its call: once the
 * call is archived it gets the ended TTL like the call's hash, log and dedup set (its own TTL is an
 * hour: every ended call kept one more key that long, a key class the soak saw grow), and a new
 * call in the room starts without the previous call's debug events.
 */
@ExtendWith(VertxExtension.class)
class EndedCallDebugRingTest {
  private static final int ENDED_TTL_S = 60;
  @RegisterExtension static final RedisPerClass redis = new RedisPerClass();
  private Vertx vertx;
  private RedisAPI api;


  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    api = redis.connect(vertx);
    api.flushall(List.of()).await(5, TimeUnit.SECONDS);
    // analytics' part: acknowledge every archive
    vertx.eventBus().consumer(Addresses.CALL_ENDED, m -> m.reply(new JsonObject().put("archived", true))).completion().await(5, TimeUnit.SECONDS);
    JsonObject config = new JsonObject().put("redis.url", redis.url()).put(IngestConfig.ENDED_TTL, ENDED_TTL_S);
    vertx.deployVerticle(new IngestVerticle(), new DeploymentOptions().setConfig(config)).await(20, TimeUnit.SECONDS);
  }

  private void post(String session, String type, JsonObject data) throws Exception {
    JsonObject event = new JsonObject().put("room_name", "r1").put("session_id", session).put("event_type", type).put("data", data);
    vertx.eventBus().request(Addresses.INGEST_CALL_EVENT, event).await(5, TimeUnit.SECONDS);
  }

  private void start(String session) throws Exception {
    post(session, "call_started", new JsonObject().put("agent", "bot"));
  }

  private void endAndAwaitArchive(String session) throws Exception {
    post(session, "call_ended", new JsonObject().put("reason", "completed"));
    eventually("the call is archived", Duration.ofSeconds(10), () -> {
      Response archived = api.hget(RedisKeys.call("r1"), "archived").await(5, TimeUnit.SECONDS);
      return archived != null && "1".equals(archived.toString());
    });
  }

  /** The ring as the debouncer leaves it while the call is live (debug-ring.lua). */
  private void debugEvent(String session) throws Exception {
    api.lpush(List.of(RedisKeys.debug("r1"), new JsonObject().put("session_id", session).encode())).await(5, TimeUnit.SECONDS);
    api.expire(List.of(RedisKeys.debug("r1"), "3600")).await(5, TimeUnit.SECONDS);
  }

  private long ttl(String key) throws Exception {
    return api.ttl(key).await(5, TimeUnit.SECONDS).toLong();
  }

  private boolean exists(String key) throws Exception {
    return api.exists(List.of(key)).await(5, TimeUnit.SECONDS).toLong() == 1;
  }

  @Test
  void anArchivedCallsDebugRingExpiresWithItsOtherKeys() throws Exception {
    start("s-1");
    debugEvent("s-1");
    endAndAwaitArchive("s-1");
    long hash = ttl(RedisKeys.call("r1"));
    long ring = ttl(RedisKeys.debug("r1"));
    assertTrue(hash > 0 && hash <= ENDED_TTL_S, "the call's hash has the ended TTL: " + hash);
    assertTrue(ring > 0 && ring <= ENDED_TTL_S, "so has its debug ring, not the hour of its last event: " + ring);
  }

  @Test
  void aNewCallInTheRoomStartsWithoutThePreviousCallsDebugEvents() throws Exception {
    start("s-1");
    debugEvent("s-1");
    endAndAwaitArchive("s-1");
    start("s-2");
    assertEquals("s-2", api.hget(RedisKeys.call("r1"), "session_id").await(5, TimeUnit.SECONDS).toString());
    assertTrue(!exists(RedisKeys.debug("r1")), "the ended call's ring went with it");

    // a call pushed out before its archive (superseded): the same
    debugEvent("s-2");
    start("s-3");
    assertEquals("s-3", api.hget(RedisKeys.call("r1"), "session_id").await(5, TimeUnit.SECONDS).toString());
    assertTrue(!exists(RedisKeys.debug("r1")), "the superseded call's ring went with it");
  }
}
