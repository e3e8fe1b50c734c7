package io.switchboard.debouncer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.RedisKeys;
import io.switchboard.testkit.RedisPerClass;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.RedisAPI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A room's debug ring holds its live call's events only: an event of an ended call, or of
 * another session than the room's call, neither records nor revives the ring, so an ended call's
 * ring expires with its other keys (ingest's mark-archived.lua) instead of an hour after its last
 * event. That hour per ended call was a key class growing through a whole soak.
 */
@ExtendWith(VertxExtension.class)
class DebugRingsTest {
  @RegisterExtension static final RedisPerClass redis = new RedisPerClass();
  private RedisAPI api;
  private LiveStateSeed seed;
  private DebugRings rings;


  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    api = redis.connect(vertx);
    seed = new LiveStateSeed(api);
    seed.flushAll();
    rings = new DebugRings(vertx, api, 3);
  }

  private static JsonObject event(String session, int n) {
    return new JsonObject().put("room", "r1").put("session_id", session).put("data", new JsonObject().put("kind", "probe").put("n", n));
  }

  private boolean record(JsonObject event) throws Exception {
    return rings.record("r1", event).await(5, TimeUnit.SECONDS);
  }

  private long ttl(String key) throws Exception {
    return api.ttl(key).await(5, TimeUnit.SECONDS).toLong();
  }

  private long length() throws Exception {
    return api.llen(RedisKeys.debug("r1")).await(5, TimeUnit.SECONDS).toLong();
  }

  @Test
  void theLiveCallsEventsAreRecordedWithASafetyNetTtl() throws Exception {
    seed.call("r1", "s-1", 1000);
    assertTrue(record(event("s-1", 1)));
    assertTrue(record(new JsonObject().put("room", "r1").put("data", new JsonObject())), "no session: the room's live call");
    assertEquals(2, length());
    long ttl = ttl(RedisKeys.debug("r1"));
    assertTrue(ttl > 0 && ttl <= 3600, "a TTL in case the call goes quiet: " + ttl);
  }

  @Test
  void anEndedCallsEventNeitherRecordsNorRevivesItsRing() throws Exception {
    seed.call("r1", "s-1", 1000);
    assertTrue(record(event("s-1", 1)));
    // the call ends and is archived: ingest gives its keys, the ring among them, the ended TTL
    seed.fields("r1", CallFields.STATUS, "ended");
    api.expire(List.of(RedisKeys.debug("r1"), "60")).await(5, TimeUnit.SECONDS);

    assertFalse(record(event("s-1", 2)), "the call has ended");
    assertEquals(1, length(), "nothing added");
    assertTrue(ttl(RedisKeys.debug("r1")) <= 60, "the ring still expires with the call, not an hour after this event");
  }

  @Test
  void anotherSessionsEventIsNotRecordedInTheRoomsRing() throws Exception {
    seed.call("r1", "s-2", 1000);
    assertFalse(record(event("s-1", 1)), "an event of the room's previous call");
    assertEquals(0, api.exists(List.of(RedisKeys.debug("r1"))).await(5, TimeUnit.SECONDS).toLong(), "no ring for it");
    assertFalse(rings.record("gone", event("s-1", 1)).await(5, TimeUnit.SECONDS), "no call in the room at all");
    assertEquals(0, api.exists(List.of(RedisKeys.debug("gone"))).await(5, TimeUnit.SECONDS).toLong());
  }
}
