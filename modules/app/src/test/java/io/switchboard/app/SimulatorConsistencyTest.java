package io.switchboard.app;

import static io.switchboard.testkit.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 50 simulated calls for 20 s through ingest into a real Redis leave a consistent state: every
 * call is either live (and listed in active_calls) or ended (and not listed), and every call's
 * log seqs run 1..last_seq without a gap.
 */
class SimulatorConsistencyTest {

  @Test
  void fiftySimulatedCallsLeaveConsistentLiveState() throws Exception {
    try (TestRedis redis = TestRedis.start();
        TestNode node = TestNode.start(redis.url(), "ingest,sentiment,agent-pipeline", new JsonObject()
            .put("simulator.enabled", true)
            .put("simulator.calls", 50)
            .put("simulator.speed", 8)
            .put("simulator.rate", 25)
            .put("simulator.seed", 42))) {
      Vertx vertx = Vertx.vertx();
      try {
        RedisAPI api = RedisAPI.api(Redis.createClient(vertx, redis.url()));
        // traffic has run long enough once 50 calls started and some ended (no longer listed);
        // within the 20 s the test always gave it
        eventually("50 calls started and some ended", Duration.ofSeconds(20), () -> {
          long calls = api.keys("call:*").await(5, TimeUnit.SECONDS).stream().map(Response::toString).filter(k -> k.indexOf(':', 5) < 0).count();
          long listed = api.zcard("active_calls").await(5, TimeUnit.SECONDS).toLong();
          return calls >= 50 && listed < calls;
        });
        Set<String> active = new HashSet<>();
        api.zrange(List.of("active_calls", "0", "-1")).await(5, TimeUnit.SECONDS).forEach(r -> active.add(r.toString()));
        List<String> hashes = api.keys("call:*").await(5, TimeUnit.SECONDS).stream().map(Response::toString)
            .filter(k -> k.indexOf(':', 5) < 0).toList();
        assertTrue(hashes.size() >= 50, "at least 50 calls started: " + hashes.size());
        int ended = 0;
        for (String key : hashes) {
          String room = key.substring("call:".length());
          // one consistent read per call while traffic goes on: status, last seq, listing, log
          Response r = api.eval(List.of(
              "return {redis.call('HGET', KEYS[1], 'status'), redis.call('HGET', KEYS[1], 'last_seq'),"
                  + " redis.call('ZSCORE', 'active_calls', ARGV[1]), redis.call('XRANGE', KEYS[2], '-', '+')}",
              "2", key, key + ":log", room)).await(5, TimeUnit.SECONDS);
          String status = r.get(0).toString();
          long lastSeq = Long.parseLong(r.get(1).toString());
          boolean listed = r.get(2) != null;
          if ("active".equals(status)) {
            assertTrue(listed, room + " is live and listed");
          } else {
            assertEquals("ended", status, room);
            assertTrue(!listed, room + " ended and is not listed");
            ended++;
          }
          long expected = 1;
          for (Response e : r.get(3)) {
            assertEquals(expected + "-0", e.get(0).toString(), room + " log is gap-free");
            expected++;
          }
          assertEquals(lastSeq, expected - 1, room + " last_seq matches its log");
        }
        for (String room : active) {
          assertEquals(1L, (long) api.exists(List.of("call:" + room)).await(5, TimeUnit.SECONDS).toInteger(), "listed call " + room + " has state");
        }
        assertTrue(ended > 0, "some calls ended within 20 s at 8x speed");
      } finally {
        vertx.close();
      }
    }
  }
}
