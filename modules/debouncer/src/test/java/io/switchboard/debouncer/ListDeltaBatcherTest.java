package io.switchboard.debouncer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    batcher = new ListDeltaBatcher(vertx, redis.connect(vertx), ListPacing.windowOnly(20), new DebouncerMetrics());
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

  /** A batcher whose listed calls hold routine changes for {@code minMs}, or longer with more than {@code perS} calls. */
  private ListDeltaBatcher paced(Vertx vertx, int minMs, int perS) {
    return new ListDeltaBatcher(vertx, redis.connect(vertx), new ListPacing(20, minMs, perS), new DebouncerMetrics());
  }

  /** A paced batcher whose call r1 is listed (its first listing went at once, alone). */
  private ListDeltaBatcher pacedWithR1Listed(Vertx vertx, int minMs, int perS) throws Exception {
    ListDeltaBatcher list = paced(vertx, minMs, perS);
    loop.runOnContext(v -> list.upsert("r1", summary("r1")));
    assertEquals(new JsonArray().add(summary("r1")), next().upserts(), "a call's first listing goes at once");
    return list;
  }

  private static JsonObject summary(String room) {
    return new JsonObject().put("room", room).put("session_id", "s-" + room).put("status", "active").put("last_seq", 1);
  }

  @Test
  void aListedCallsRoutineChangeWaitsAndItsNextOtherChangeTakesItAlongAtOnce(Vertx vertx) throws Exception {
    ListDeltaBatcher list = pacedWithR1Listed(vertx, 60_000, 1000);
    loop.runOnContext(v -> {
      list.upsert("r1", new JsonObject().put("room", "r1").put("session_id", "s-r1").put("last_seq", 5).put("sentiment_score", 0.4));
      list.upsert("r1", new JsonObject().put("room", "r1").put("session_id", "s-r1").put("interim", new JsonObject().put("text", "I have")));
      list.upsert("r2", summary("r2"));
    });
    // the marker: r2's listing was made after r1's routine changes, in the same task, so an r1
    // change sent at once would be in this delta
    assertEquals(new JsonArray().add(summary("r2")), next().upserts(), "r1's routine changes are held");
    assertEquals(1, list.held());
    loop.runOnContext(v -> list.upsert("r1", new JsonObject().put("room", "r1").put("session_id", "s-r1").put("sentiment", "negative").put("last_seq", 6)));
    assertEquals(new JsonArray().add(new JsonObject().put("room", "r1").put("session_id", "s-r1").put("last_seq", 6).put("sentiment_score", 0.4)
        .put("interim", new JsonObject().put("text", "I have")).put("sentiment", "negative")), next().upserts(),
        "the label goes at once, with the held fields (the newer last_seq wins)");
    assertEquals(0, list.held());
  }

  @Test
  void anAgentTurnStateWaitsButALostAgentGoesAtOnce(Vertx vertx) throws Exception {
    ListDeltaBatcher list = pacedWithR1Listed(vertx, 60_000, 1000);
    loop.runOnContext(v -> {
      list.upsert("r1", new JsonObject().put("room", "r1").put("agent_state", "speaking"));
      list.upsert("r2", summary("r2"));
    });
    assertEquals(new JsonArray().add(summary("r2")), next().upserts(), "the agent speaking is routine: held");
    loop.runOnContext(v -> list.upsert("r1", new JsonObject().put("room", "r1").put("agent_state", "lost")));
    assertEquals(new JsonArray().add(new JsonObject().put("room", "r1").put("agent_state", "lost")), next().upserts(),
        "the customer is alone: at once, over the held state");
  }

  @Test
  void aHeldRoutineChangeGoesOutWhenItsPeriodHasPassed(Vertx vertx) throws Exception {
    ListDeltaBatcher list = paced(vertx, 400, 1000);
    long[] listedAt = onLoopFrom(() -> {
      list.upsert("r1", summary("r1"));
      list.upsert("r1", new JsonObject().put("room", "r1").put("last_seq", 2));
    });
    assertEquals(new JsonArray().add(summary("r1").put("last_seq", 2)), next().upserts(), "changes in the window of the listing ride with it");
    assertRoutineReleasedAfter(list, "r1", 3, listedAt[0], 400);
  }

  @Test
  void aChangeHeldLateInThePeriodStillGoesWhenThePeriodSinceTheLastUpsertEnds(Vertx vertx) throws Exception {
    // the period runs from the call's last upsert, not from when the change was held: held at
    // 2/3 of the period, it goes out at the period's end (≈ 3 s), not a whole period later (≈ 5 s)
    ListDeltaBatcher list = paced(vertx, 3000, 1000);
    long[] listedAt = onLoopFrom(() -> list.upsert("r1", summary("r1")));
    assertEquals(1, next().upserts().size());
    loop.runOnContext(v -> vertx.setTimer(Math.max(1, listedAt[0] + 2000 - System.currentTimeMillis()),
        t -> list.upsert("r1", new JsonObject().put("room", "r1").put("last_seq", 5))));
    assertEquals(new JsonArray().add(new JsonObject().put("room", "r1").put("last_seq", 5)), next().upserts());
    long waited = System.currentTimeMillis() - listedAt[0];
    assertTrue(waited >= 3000 && waited < 4500, "released " + waited + " ms after the listing; the period is 3,000 ms from it");
  }

  @Test
  void withMoreCallsThanTheBudgetEachCallsPeriodGrows(Vertx vertx) throws Exception {
    // 30 calls at 10 routine upserts/s: each call's routine period is 3 s, not the minimum 100 ms
    ListDeltaBatcher list = paced(vertx, 100, 10);
    long[] listedAt = onLoopFrom(() -> {
      for (int i = 0; i < 30; i++) {
        list.upsert("r" + i, summary("r" + i));
      }
    });
    assertEquals(30, next().upserts().size());
    assertRoutineReleasedAfter(list, "r7", 9, listedAt[0], 3000);
  }

  /** Runs the changes on the batcher's loop; [0] = the time just before (read it once their delta arrived). */
  private long[] onLoopFrom(Runnable changes) {
    long[] at = new long[1];
    loop.runOnContext(v -> {
      at[0] = System.currentTimeMillis();
      changes.run();
    });
    return at;
  }

  /** A routine change of a listed call goes out alone, no earlier than {@code periodMs} after its listing. */
  private void assertRoutineReleasedAfter(ListDeltaBatcher list, String room, long seq, long listedAt, long periodMs) throws Exception {
    loop.runOnContext(v -> list.upsert(room, new JsonObject().put("room", room).put("last_seq", seq)));
    assertEquals(new JsonArray().add(new JsonObject().put("room", room).put("last_seq", seq)), next().upserts());
    long waited = System.currentTimeMillis() - listedAt;
    assertTrue(waited >= periodMs, "released " + waited + " ms after the call's listing, its period is " + periodMs + " ms");
  }

  @Test
  void aRemovedCallsHeldChangesGoWithIt(Vertx vertx) throws Exception {
    ListDeltaBatcher list = pacedWithR1Listed(vertx, 60_000, 1000);
    loop.runOnContext(v -> {
      list.upsert("r1", new JsonObject().put("room", "r1").put("interim", new JsonObject().put("text", "bye")));
      list.remove("r1");
    });
    ListDelta d = next();
    assertEquals(new JsonArray(), d.upserts());
    assertEquals(new JsonArray().add("r1"), d.removed());
    loop.runOnContext(v -> list.upsert("r1", new JsonObject().put("room", "r1").put("session_id", "s-2").put("status", "active")));
    assertEquals(new JsonArray().add(new JsonObject().put("room", "r1").put("session_id", "s-2").put("status", "active")), next().upserts(),
        "the next call in the room is listed at once, without the old call's held interim");
    assertEquals(0, list.held());
  }

  @Test
  void withPacingOffEveryChangeGoesInItsWindow(Vertx vertx) throws Exception {
    ListDeltaBatcher list = pacedWithR1Listed(vertx, 0, 1);
    loop.runOnContext(v -> list.upsert("r1", new JsonObject().put("room", "r1").put("last_seq", 2)));
    assertEquals(new JsonArray().add(new JsonObject().put("room", "r1").put("last_seq", 2)), next().upserts());
  }
}
