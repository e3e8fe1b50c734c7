package io.switchboard.debouncer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A resync that fails is retried. Found by scripts/chaos: after a kill -9 of the embedded Redis
 * the debouncer re-subscribed while Redis was still loading its append-only file, its one resync
 * read got -LOADING, and rooms written just before the kill stayed stale on every dashboard. Here
 * the resync's read is refused by an ACL instead (NOPERM), then allowed: the room written while
 * nobody listened must still reach its subscribers.
 */
@ExtendWith(VertxExtension.class)
class DebouncerResyncTest {

  @Test
  void aFailedResyncIsRetriedUntilTheRoomIsPublished(Vertx vertx) throws Exception {
    try (TestRedis redis = TestRedis.start()) {
      Redis client = Redis.createClient(vertx, redis.url());
      RedisAPI api = RedisAPI.api(client);
      // a live call written before the debouncer subscribed: only a resync can find it
      api.hset(List.of("call:resync-room", "session_id", "s-1", "status", "active", "last_seq", "0")).await(5, TimeUnit.SECONDS);
      api.zadd(List.of("active_calls", "1", "resync-room")).await(5, TimeUnit.SECONDS);
      api.acl(List.of("SETUSER", "default", "-zrange")).await(5, TimeUnit.SECONDS);
      api.acl(List.of("LOG", "RESET")).await(5, TimeUnit.SECONDS);

      List<JsonObject> deltas = new CopyOnWriteArrayList<>();
      vertx.eventBus().<JsonObject>consumer(Addresses.call("resync-room"), m -> deltas.add(m.body()));
      vertx.deployVerticle(new DebouncerVerticle(), new DeploymentOptions().setConfig(new JsonObject().put("redis.url", redis.url())))
          .await(20, TimeUnit.SECONDS);

      // positive markers that both resyncs (partitions taken, keyspace subscribed) ran and were
      // refused: the debouncer reports its subscription and partitions, Redis logged the denied ZRANGE
      long deadline = System.currentTimeMillis() + 10_000;
      while (!deniedZrange(api) || !subscribedWithPartitions(vertx)) {
        assertTrue(System.currentTimeMillis() < deadline, "the debouncer never subscribed and tried to read active_calls");
        Thread.sleep(50);
      }
      api.acl(List.of("SETUSER", "default", "+zrange")).await(5, TimeUnit.SECONDS);

      deadline = System.currentTimeMillis() + 5_000;
      while (deltas.isEmpty()) {
        assertTrue(System.currentTimeMillis() < deadline, "the room was never published: the failed resync was not retried");
        Thread.sleep(50);
      }
      assertTrue("s-1".equals(deltas.get(0).getString("session_id")), deltas.get(0).encode());
      client.close();
    }
  }

  private static boolean subscribedWithPartitions(Vertx vertx) {
    try {
      JsonObject h = vertx.eventBus().<JsonObject>request(Addresses.health(io.switchboard.contract.VerticleName.DEBOUNCER), new JsonObject())
          .await(5, TimeUnit.SECONDS).body();
      String s = h.encode();
      return s.contains("\"keyspaceSubscription\":\"UP\"") && s.contains("\"partitions\":32");
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean deniedZrange(RedisAPI api) throws Exception {
    Response log = api.acl(List.of("LOG")).await(5, TimeUnit.SECONDS);
    return log != null && log.toString().toLowerCase().contains("zrange");
  }
}
