package io.switchboard.debouncer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.ChangeRecord;
import io.switchboard.contract.live.RedisKeys;
import io.switchboard.contract.live.RoomDelta;
import io.switchboard.contract.live.WatchedRooms;
import io.switchboard.platform.redis.LiveStateCodec;
import io.switchboard.platform.redis.ChangeRecordCodec;
import io.switchboard.testkit.RedisPerClass;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deltas from the change feed (docs/architecture.md#change-feed) against real Redis: records that
 * account for every notification of a window are published without reading the room (the tests
 * feed records Redis does not hold, so a read could not have produced the delta); anything they do
 * not account for — another writer's HSET, a gap in seqs, a record without its notification, a
 * resync — is read from Redis (which then holds the truth the delta must show).
 */
@ExtendWith(VertxExtension.class)
class RoomPublisherFeedTest {
  private static final long WINDOW_MS = 20;
  private static final String ROOM = "r1";
  private static final String SESSION = "s-1";
  @RegisterExtension
  static final RedisPerClass redis = new RedisPerClass();
  private LiveStateSeed seed;
  private Context loop;
  private RoomPublisher publisher;
  private Vertx vertx;
  private DebouncerMetrics metrics;
  private final BlockingQueue<JsonObject> deltas = new LinkedBlockingQueue<>();
  private final BlockingQueue<JsonObject> listDeltas = new LinkedBlockingQueue<>();

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    seed = LiveStateSeed.emptied(redis.connect(vertx));
    loop = vertx.getOrCreateContext();
    metrics = new DebouncerMetrics();
    ListDeltaBatcher list = new ListDeltaBatcher(vertx, seed.api(), ListPacing.windowOnly((int) WINDOW_MS), new DebouncerMetrics());
    publisher = new RoomPublisher(vertx, io.vertx.redis.client.Redis.createClient(vertx, redis.url()), WINDOW_MS, ROOM::equals, r -> 0L,
        list, metrics, new DebugRings(vertx, seed.api(), 10));
    vertx.eventBus().<JsonObject>consumer(Addresses.call(ROOM), m -> deltas.add(m.body())).completion().await(5, TimeUnit.SECONDS);
    vertx.eventBus().<JsonObject>consumer(Addresses.CALLS_ACTIVE, m -> listDeltas.add(m.body())).completion().await(5, TimeUnit.SECONDS);
    // the room as last published: read once (seq 1)
    seed.call(ROOM, SESSION, 5000).lines(ROOM, 1, 1);
    loop.runOnContext(v -> publisher.touch(ROOM));
    assertEquals(1, next().toSeq());
    assertArrayEquals(new long[] {0, 1}, metrics.flushes(), "{from the feed, from reads}");
  }

  @Test
  void recordsThatAccountForEveryNotificationArePublishedWithoutARead() throws Exception {
    String line2 = new JsonObject().put("kind", "transcript").put("role", "user").put("text", "where: is it?\n").encode();
    on(() -> {
      publisher.notified(ROOM, true);
      publisher.recorded(ROOM, record(1, List.of(new ChangeRecord.Line(2, line2)), CallFields.LAST_SEQ, "2", CallFields.SENTIMENT, "negative"));
      publisher.notified(ROOM, true); // a second event in the same window: an interim, fields only
      publisher.recorded(ROOM, record(2, List.of(), CallFields.INTERIM, "", CallFields.AGENT_STATE, "thinking"));
    });
    RoomDelta d = next();
    assertEquals(1, d.fromSeq());
    assertEquals(2, d.toSeq());
    assertEquals(new JsonObject(line2).put("seq", 2L), d.lines().getJsonObject(0));
    assertEquals(new JsonObject().put(CallFields.LAST_SEQ, 2L).put(CallFields.SENTIMENT, "negative").putNull(CallFields.INTERIM)
        .put(CallFields.AGENT_STATE, "thinking"), d.fields(), "only what the records changed (an empty interim reads as none)");
    assertArrayEquals(new long[] {1, 1}, metrics.flushes());

    // the next record continues from what the records left, fields included
    on(() -> {
      publisher.notified(ROOM, true);
      publisher.recorded(ROOM, record(2, List.of(), CallFields.AGENT_STATE, "thinking", CallFields.SENTIMENT, "positive"));
    });
    RoomDelta again = next();
    assertEquals(new JsonObject().put(CallFields.SENTIMENT, "positive"), again.fields(), "agent_state was already thinking");
    assertArrayEquals(new long[] {2, 1}, metrics.flushes());
  }

  @Test
  void aFieldWrittenBackInTheSameWindowIsNotAChange() throws Exception {
    on(() -> {
      publisher.notified(ROOM, true);
      publisher.recorded(ROOM, record(1, List.of(), CallFields.AGENT_STATE, "speaking", CallFields.SENTIMENT, "negative"));
      publisher.notified(ROOM, true);
      publisher.recorded(ROOM, record(1, List.of(), CallFields.AGENT_STATE, "speaking"));
    });
    assertEquals(new JsonObject().put(CallFields.AGENT_STATE, "speaking").put(CallFields.SENTIMENT, "negative"), next().fields());
    // agent_state away and back, sentiment rewritten as it is: nothing to publish for that window;
    // the window after it is the next delta
    on(() -> {
      publisher.notified(ROOM, true);
      publisher.recorded(ROOM, record(1, List.of(), CallFields.AGENT_STATE, "listening", CallFields.SENTIMENT, "negative"));
      publisher.notified(ROOM, true);
      publisher.recorded(ROOM, record(1, List.of(), CallFields.AGENT_STATE, "speaking"));
    });
    String line2 = new JsonObject().put("kind", "transcript").put("text", "after").encode();
    vertx.setTimer(5 * WINDOW_MS, t -> {
      publisher.notified(ROOM, true);
      publisher.recorded(ROOM, record(1, List.of(new ChangeRecord.Line(2, line2)), CallFields.LAST_SEQ, "2"));
    });
    RoomDelta d = next();
    assertEquals(2, d.toSeq(), "the no-op window published nothing");
    assertEquals(new JsonObject().put(CallFields.LAST_SEQ, 2L), d.fields());
    assertArrayEquals(new long[] {3, 1}, metrics.flushes(), "{from the feed, from reads}");
  }

  @Test
  void anUnwatchedRoomMovesOnWithoutADeltaAndANewWatcherGetsTheWholeCall() throws Exception {
    // gateways heard, with a TTL that is over before the records come: nobody watches the room
    on(() -> publisher.watching(new WatchedRooms(List.of(), 5)));
    Thread.sleep(20); // lets that TTL pass (not a wait for an outcome)
    String line2 = new JsonObject().put("kind", "transcript").put("text", "unseen").encode();
    on(() -> {
      publisher.notified(ROOM, true);
      publisher.recorded(ROOM, record(1, List.of(new ChangeRecord.Line(2, line2)), CallFields.LAST_SEQ, "2",
          CallFields.SENTIMENT, "negative", CallFields.SENTIMENT_STATE, "{\"n\":1}"));
    });
    JsonObject upsert = nextUpsert(CallFields.SENTIMENT);
    assertEquals("negative", upsert.getString(CallFields.SENTIMENT), "the call list still gets the change: " + upsert);
    assertFalse(upsert.containsKey(CallFields.SENTIMENT_STATE));

    // a socket begins to watch: the room is read at once and that delta carries every field
    on(() -> publisher.watching(new WatchedRooms(List.of(ROOM), 60_000)));
    RoomDelta full = next();
    assertEquals(2, full.fromSeq(), "the unwatched window built no delta, its seq moved the view on");
    assertEquals(2, full.toSeq());
    JsonObject inRedis = LiveStateCodec.fields(seed.api().hgetall(RedisKeys.call(ROOM)).await(5, TimeUnit.SECONDS));
    inRedis.getMap().values().removeIf(java.util.Objects::isNull);
    assertEquals(inRedis, full.fields(), "every field of the call as Redis holds it");

    // watched now: records are published again
    String line3 = new JsonObject().put("kind", "transcript").put("text", "seen").encode();
    on(() -> {
      publisher.notified(ROOM, true);
      publisher.recorded(ROOM, record(2, List.of(new ChangeRecord.Line(3, line3)), CallFields.LAST_SEQ, "3"));
    });
    RoomDelta d = next();
    assertEquals(2, d.fromSeq());
    assertEquals(new JsonObject(line3).put("seq", 3L), d.lines().getJsonObject(0));
    assertEquals(1, metrics.unwatchedFlushes());
  }

  /** The next calls.active upsert of the room that names {@code field} (the first listing, from the set-up's read, may come first). */
  private JsonObject nextUpsert(String field) throws InterruptedException {
    for (JsonObject body = listDeltas.poll(10, TimeUnit.SECONDS); body != null; body = listDeltas.poll(10, TimeUnit.SECONDS)) {
      for (Object u : body.getJsonArray("upserts")) {
        if (ROOM.equals(((JsonObject) u).getString(CallFields.ROOM)) && ((JsonObject) u).getValue(field) != null) {
          return (JsonObject) u;
        }
      }
    }
    throw new AssertionError("no calls.active upsert of " + ROOM);
  }

  @Test
  void anotherWritersHashWriteInTheWindowMakesItARead() throws Exception {
    seed.fields(ROOM, CallFields.TAKEOVER_BY, "sam").lines(ROOM, 2, 2); // control's write, then an event's
    on(() -> {
      publisher.notified(ROOM, true);
      publisher.notified(ROOM, true);
      publisher.recorded(ROOM, record(1, List.of(new ChangeRecord.Line(2, "{\"text\":\"line 2\"}")), CallFields.LAST_SEQ, "2"));
    });
    RoomDelta d = next();
    assertEquals("sam", d.fields().getString(CallFields.TAKEOVER_BY), "the write no record covers is in the delta: " + d.fields());
    assertEquals("line 2", d.lines().getJsonObject(0).getString("text"));
    assertArrayEquals(new long[] {0, 2}, metrics.flushes());
  }

  @Test
  void aNotificationOtherThanTheHashWriteMakesItARead() throws Exception {
    seed.lines(ROOM, 2, 2).fields(ROOM, CallFields.AGENT_STATE, "speaking");
    on(() -> {
      publisher.notified(ROOM, false); // e.g. a DEL or EXPIRE of the room's keys
      publisher.notified(ROOM, true);
      publisher.recorded(ROOM, record(1, List.of(new ChangeRecord.Line(2, "{\"text\":\"line 2\"}")), CallFields.LAST_SEQ, "2"));
    });
    assertEquals("speaking", next().fields().getString(CallFields.AGENT_STATE));
    assertArrayEquals(new long[] {0, 2}, metrics.flushes());
  }

  @Test
  void aRecordThatDoesNotContinueThePublishedSeqIsRead() throws Exception {
    seed.lines(ROOM, 2, 3);
    on(() -> {
      publisher.notified(ROOM, true);
      publisher.recorded(ROOM, record(2, List.of(new ChangeRecord.Line(3, "{\"text\":\"line 3\"}")), CallFields.LAST_SEQ, "3"));
    });
    RoomDelta d = next();
    assertEquals(1, d.fromSeq());
    assertEquals(List.of("line 2", "line 3"), d.lines().stream().map(l -> ((JsonObject) l).getString("text")).toList(),
        "the line no record held, read from Redis");
    assertArrayEquals(new long[] {0, 2}, metrics.flushes());
  }

  @Test
  void aRecordWithoutItsNotificationIsStillPublishedByARead() throws Exception {
    seed.lines(ROOM, 2, 2);
    // keyspace notifications switched off by an operator: the record alone must not be lost
    on(() -> publisher.recorded(ROOM, record(1, List.of(new ChangeRecord.Line(2, "{\"text\":\"from the record\"}")), CallFields.LAST_SEQ, "2")));
    RoomDelta d = next();
    assertEquals("line 2", d.lines().getJsonObject(0).getString("text"), "what Redis holds");
    assertArrayEquals(new long[] {0, 2}, metrics.flushes());
  }

  @Test
  void aResyncReadsTheRoomWhateverTheRecordsSay() throws Exception {
    // a write whose notification was lost while the subscription was down
    seed.fields(ROOM, CallFields.TAKEOVER_BY, "sam").lines(ROOM, 2, 2);
    on(() -> {
      publisher.notified(ROOM, true);
      publisher.recorded(ROOM, record(1, List.of(new ChangeRecord.Line(2, "{\"text\":\"line 2\"}")), CallFields.LAST_SEQ, "2"));
      publisher.touch(ROOM);
    });
    assertEquals("sam", next().fields().getString(CallFields.TAKEOVER_BY));
  }

  @Test
  void anUnreadableRecordIsRead() throws Exception {
    seed.lines(ROOM, 2, 2);
    on(() -> {
      publisher.notified(ROOM, true);
      publisher.recorded(ROOM, io.vertx.core.buffer.Buffer.buffer(new byte[] {(byte) 0x92, 0x01}));
    });
    assertEquals("line 2", next().lines().getJsonObject(0).getString("text"));
  }

  @Test
  void aRecordWhoseLineIsNotJsonIsRead() throws Exception {
    seed.lines(ROOM, 2, 2);
    on(() -> {
      publisher.notified(ROOM, true);
      publisher.recorded(ROOM, record(1, List.of(new ChangeRecord.Line(2, "{not json")), CallFields.LAST_SEQ, "2"));
    });
    assertEquals("line 2", next().lines().getJsonObject(0).getString("text"), "what Redis holds");
    assertArrayEquals(new long[] {0, 2}, metrics.flushes());
  }

  private static io.vertx.core.buffer.Buffer record(long base, List<ChangeRecord.Line> lines, String... fieldValues) {
    return ChangeRecordCodec.encode(new ChangeRecord(SESSION, base, lines, List.of(fieldValues)));
  }

  private void on(Runnable r) {
    loop.runOnContext(v -> r.run());
  }

  private RoomDelta next() throws InterruptedException {
    JsonObject body = deltas.poll(10, TimeUnit.SECONDS);
    assertNotNull(body, "no delta on call." + ROOM);
    return RoomDelta.fromJson(body);
  }
}
