package io.switchboard.debouncer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.ListDelta;
import io.switchboard.testkit.RedisPerClass;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every call-list change of one window leaves as one {@code calls.active} delta: partial summaries
 * of a room merge, a removal cancels the room's upsert and an upsert its removal, and the next
 * window starts empty. Changes made in one event-loop task are in one window by construction (the
 * window's timer runs on the same loop), so no test here depends on how fast the machine is.
 */
@ExtendWith(VertxExtension.class)
class ListDeltaBatcherTest {
  /** The batcher numbers each delta from a Redis counter (calls.active versions). */
  @RegisterExtension
  static final RedisPerClass redis = new RedisPerClass();
  private Context loop;
  private ListDeltaBatcher batcher;
  private final BlockingQueue<JsonObject> published = new LinkedBlockingQueue<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    vertx.eventBus().<JsonObject>consumer(Addresses.CALLS_ACTIVE, m -> published.add(m.body()));
    loop = vertx.getOrCreateContext();
    batcher = new ListDeltaBatcher(vertx, redis.connect(vertx), 20, new DebouncerMetrics());
  }

  private ListDelta next() throws InterruptedException {
    JsonObject body = published.poll(10, TimeUnit.SECONDS);
    assertNotNull(body, "no calls.active delta published");
    assertEquals(1, body.getInteger("v"), "schema version");
    return ListDelta.fromJson(body);
  }

  @Test
  void oneWindowsChangesLeaveAsOneDeltaInFirstChangeOrder() throws Exception {
    loop.runOnContext(v -> {
      batcher.upsert("r2", new JsonObject().put("room", "r2").put("status", "active"));
      batcher.upsert("r1", new JsonObject().put("room", "r1").put("status", "active"));
      batcher.remove("r9");
      batcher.upsert("r2", new JsonObject().put("room", "r2").put("agent_state", "thinking"));
    });
    ListDelta d = next();
    assertEquals(new JsonArray()
        .add(new JsonObject().put("room", "r2").put("status", "active").put("agent_state", "thinking"))
        .add(new JsonObject().put("room", "r1").put("status", "active")), d.upserts(), "one merged summary per room, in first-change order");
    assertEquals(new JsonArray().add("r9"), d.removed());
    // the marker that no second delta came out of that window: the next one holds only the next change
    loop.runOnContext(v -> batcher.upsert("r3", new JsonObject().put("room", "r3")));
    ListDelta second = next();
    assertEquals(new JsonArray().add(new JsonObject().put("room", "r3")), second.upserts(), "a new window starts empty");
    assertEquals(new JsonArray(), second.removed());
    assertEquals(2, batcher.published());
  }

  @Test
  void aLaterFieldValueInTheWindowWins() throws Exception {
    loop.runOnContext(v -> {
      batcher.upsert("r1", new JsonObject().put("room", "r1").put("sentiment", "neutral").put("last_seq", 3));
      batcher.upsert("r1", new JsonObject().put("room", "r1").put("sentiment", "negative"));
    });
    assertEquals(new JsonArray().add(new JsonObject().put("room", "r1").put("sentiment", "negative").put("last_seq", 3)), next().upserts());
  }

  @Test
  void aRoomRemovedAfterItsUpsertIsOnlyRemovedAndOneUpsertedAgainIsOnlyUpserted() throws Exception {
    loop.runOnContext(v -> {
      batcher.upsert("ended", new JsonObject().put("room", "ended"));
      batcher.remove("ended");
      batcher.remove("restarted");
      batcher.upsert("restarted", new JsonObject().put("room", "restarted").put("session_id", "s-2"));
    });
    ListDelta d = next();
    assertEquals(new JsonArray().add(new JsonObject().put("room", "restarted").put("session_id", "s-2")), d.upserts());
    assertEquals(new JsonArray().add("ended"), d.removed(), "a dashboard never sees a call it must drop in the same message");
  }

  @Test
  void aRemovalThenAnUpsertInTheSameWindowMergesNothingFromBeforeTheRemoval() throws Exception {
    loop.runOnContext(v -> {
      batcher.upsert("r1", new JsonObject().put("room", "r1").put("takeover_by", "sam"));
      batcher.remove("r1");
      batcher.upsert("r1", new JsonObject().put("room", "r1").put("session_id", "s-2"));
    });
    ListDelta d = next();
    assertEquals(new JsonArray().add(new JsonObject().put("room", "r1").put("session_id", "s-2")), d.upserts(), "the old call's fields are gone with it");
    assertEquals(new JsonArray(), d.removed());
  }
}
