package io.switchboard.debouncer;

import static io.switchboard.testkit.Eventually.never;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.ListDelta;
import io.switchboard.contract.live.RedisKeys;
import io.switchboard.contract.live.RoomDelta;
import io.switchboard.testkit.RedisPerClass;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Room deltas against real Redis (docs/architecture.md, deltas and late join): a delta carries the
 * lines after the last published seq (fromSeq = the previous toSeq, so a client sees every seq
 * once and can detect a gap) and only the fields that changed; touches inside one window coalesce;
 * a room whose state is gone gets {@code removed}; the call list follows. Deltas of one room are
 * published in order, so "the next delta is X" proves that nothing came before X.
 */
@ExtendWith(VertxExtension.class)
class RoomPublisherTest {
  private static final long WINDOW_MS = 20;
  @RegisterExtension
  static final RedisPerClass redis = new RedisPerClass();
  private LiveStateSeed seed;
  private Context loop;
  private RoomPublisher publisher;
  private final Set<String> owned = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> ownedSince = new ConcurrentHashMap<>();
  private final Map<String, BlockingQueue<JsonObject>> deltas = new ConcurrentHashMap<>();
  private final BlockingQueue<JsonObject> listDeltas = new LinkedBlockingQueue<>();
  private Vertx vertx;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    seed = LiveStateSeed.emptied(redis.connect(vertx));
    RedisAPI api = seed.api();
    vertx.eventBus().<JsonObject>consumer(Addresses.CALLS_ACTIVE, m -> listDeltas.add(m.body()));
    loop = vertx.getOrCreateContext();
    ListDeltaBatcher list = new ListDeltaBatcher(vertx, api, ListPacing.windowOnly((int) WINDOW_MS), new DebouncerMetrics());
    publisher = new RoomPublisher(vertx, io.vertx.redis.client.Redis.createClient(vertx, redis.url()), WINDOW_MS, owned::contains, r -> ownedSince.getOrDefault(r, 0L), list, new DebouncerMetrics(), new DebugRings(vertx, api, 10));
  }

  private void watch(String room) throws Exception {
    BlockingQueue<JsonObject> q = new LinkedBlockingQueue<>();
    deltas.put(room, q);
    vertx.eventBus().<JsonObject>consumer(Addresses.call(room), m -> q.add(m.body())).completion().await(5, TimeUnit.SECONDS);
  }

  private void touch(String room, int times) throws Exception {
    loop.runOnContext(v -> {
      for (int i = 0; i < times; i++) {
        publisher.touch(room);
      }
    });
  }

  private RoomDelta nextDelta(String room) throws InterruptedException {
    JsonObject body = deltas.get(room).poll(10, TimeUnit.SECONDS);
    assertNotNull(body, "no delta on call." + room);
    return RoomDelta.fromJson(body);
  }

  private ListDelta nextListDelta() throws InterruptedException {
    JsonObject body = listDeltas.poll(10, TimeUnit.SECONDS);
    assertNotNull(body, "no calls.active delta");
    return ListDelta.fromJson(body);
  }

  private static List<Long> seqs(RoomDelta d) {
    return d.lines().stream().map(JsonObject.class::cast).map(l -> l.getLong("seq")).toList();
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  void theDiffComparesRedisStringsAndDecodesOnlyWhatChanged() {
    Map<String, String> before = Map.of(CallFields.LAST_SEQ, "4", CallFields.ESCALATION, "[]", CallFields.LISTENERS, "[\"sam\"]", CallFields.TAKEOVER_BY, "sam");
    Map<String, String> after = Map.of(CallFields.LAST_SEQ, "5", CallFields.ESCALATION, "[]", CallFields.LISTENERS, "[\"sam\",\"ann\"]");
    JsonObject changed = RoomPublisher.diff(before, after);
    assertEquals(new JsonObject().put(CallFields.LAST_SEQ, 5L).put(CallFields.LISTENERS, new JsonArray().add("sam").add("ann")).putNull(CallFields.TAKEOVER_BY), changed,
        "numbers as numbers, JSON fields decoded, a vanished field null, an unchanged JSON field not sent");
    assertTrue(RoomPublisher.diff(after, after).isEmpty());
  }

  @Test
  void aCallsDeltasAreGapFreeCarryOnlyChangesAndEndWithRemoved() throws Exception {
    owned.add("r1");
    watch("r1");
    seed.call("r1", "s-1", 5000).lines("r1", 1, 3);

    touch("r1", 3);
    RoomDelta first = nextDelta("r1");
    assertEquals("s-1", first.sessionId());
    assertEquals(0, first.fromSeq(), "a call this instance saw start is published from its first line");
    assertEquals(3, first.toSeq());
    assertEquals(range(1, 3), seqs(first));
    assertEquals("line 1", first.lines().getJsonObject(0).getString("text"));
    assertEquals(new JsonObject().put(CallFields.SESSION_ID, "s-1").put(CallFields.STATUS, "active").put(CallFields.STARTED_AT, 5000L).put(CallFields.LAST_SEQ, 3L),
        first.fields(), "the first delta holds every field, numbers as numbers");

    ListDelta listed = nextListDelta();
    assertEquals(1, listed.upserts().size());
    JsonObject summary = listed.upserts().getJsonObject(0);
    assertEquals(Set.copyOf(CallFields.SUMMARY_FIELDS), summary.fieldNames(), "a newly listed call carries its whole summary");
    assertEquals("r1", summary.getString(CallFields.ROOM));
    assertEquals(3L, summary.getLong(CallFields.LAST_SEQ));

    seed.lines("r1", 4, 5).fields("r1", CallFields.AGENT_STATE, "thinking");
    touch("r1", 1);
    RoomDelta second = nextDelta("r1");
    assertEquals(3, second.fromSeq(), "continues exactly where the last delta ended");
    assertEquals(5, second.toSeq());
    assertEquals(range(4, 5), seqs(second));
    assertEquals(new JsonObject().put(CallFields.LAST_SEQ, 5L).put(CallFields.AGENT_STATE, "thinking"), second.fields(), "only what changed");
    assertEquals(new JsonArray().add(new JsonObject().put(CallFields.LAST_SEQ, 5L).put(CallFields.AGENT_STATE, "thinking").put(CallFields.ROOM, "r1").put(CallFields.SESSION_ID, "s-1")),
        nextListDelta().upserts(), "a listed call's upsert carries only changed summary fields");

    // nothing changed: no delta. The next delta is the later field change, so none came before it
    touch("r1", 1);
    seed.fields("r1", CallFields.TAKEOVER_BY, "sam");
    touch("r1", 1);
    RoomDelta fieldOnly = nextDelta("r1");
    assertEquals(5, fieldOnly.fromSeq());
    assertEquals(5, fieldOnly.toSeq(), "a field-only delta has fromSeq == toSeq");
    assertEquals(new JsonArray(), fieldOnly.lines());
    assertEquals(new JsonObject().put(CallFields.TAKEOVER_BY, "sam"), fieldOnly.fields());

    nextListDelta();
    redisApi().hdel(List.of("call:r1", CallFields.TAKEOVER_BY)).await(5, TimeUnit.SECONDS);
    touch("r1", 1);
    RoomDelta cleared = nextDelta("r1");
    assertTrue(cleared.fields().containsKey(CallFields.TAKEOVER_BY) && cleared.fields().getValue(CallFields.TAKEOVER_BY) == null,
        "a field that disappeared is sent as null: " + cleared.fields());
    nextListDelta();

    seed.gone("r1");
    touch("r1", 1);
    RoomDelta removed = nextDelta("r1");
    assertTrue(removed.removed(), "the live state is gone: dashboards drop the room");
    assertEquals(5, removed.fromSeq());
    assertEquals(5, removed.toSeq());
    ListDelta unlisted = nextListDelta();
    assertEquals(new JsonArray().add("r1"), unlisted.removed());
    assertEquals(new JsonArray(), unlisted.upserts());
    assertEquals(5, publisher.deltasPublished(), "one delta per observed change, none for the empty touch");
  }

  private RedisAPI redisApi() {
    return redis.connect(vertx);
  }

  @Test
  void roomsWhoseWindowsEndTogetherAreReadTogetherAndACorruptOneStopsNoneOfTheOthers() throws Exception {
    // touched in one go, the rooms fall in the same tick and are read in one pipeline; the
    // corrupt room comes first, so if it stopped the read, no other room would get its delta
    List<String> rooms = List.of("ok-1", "ok-2", "ok-3");
    owned.add("corrupt");
    watch("corrupt");
    seed.call("corrupt", "s-c", 5000).lines("corrupt", 1, 1);
    redisApi().xadd(List.of(RedisKeys.log("corrupt"), "2-0", "line", "{not json")).await(5, TimeUnit.SECONDS);
    seed.fields("corrupt", CallFields.LAST_SEQ, "2");
    for (String room : rooms) {
      owned.add(room);
      watch(room);
      seed.call(room, "s-" + room, 5000).lines(room, 1, 2);
    }
    loop.runOnContext(v -> {
      publisher.touch("corrupt");
      rooms.forEach(publisher::touch);
    });
    for (String room : rooms) {
      RoomDelta d = nextDelta(room);
      assertEquals("s-" + room, d.sessionId(), "each room of a shared read gets its own state");
      assertEquals(range(1, 2), seqs(d));
    }

    // the corrupt room itself publishes again once its log can be read
    redisApi().del(List.of(RedisKeys.log("corrupt"))).await(5, TimeUnit.SECONDS);
    seed.lines("corrupt", 3, 3);
    touch("corrupt", 1);
    RoomDelta recovered = nextDelta("corrupt");
    assertEquals(range(3, 3), seqs(recovered), "the lines it can read now: " + recovered.lines());
  }

  @Test
  void aCallStartedBeforeThisInstanceOwnedItsRoomContinuesFromItsCurrentSeq() throws Exception {
    owned.add("late");
    ownedSince.put("late", 10_000L);
    watch("late");
    seed.call("late", "s-1", 5000).lines("late", 1, 4);
    touch("late", 1);
    RoomDelta first = nextDelta("late");
    assertEquals(4, first.fromSeq(), "another instance published up to a seq we cannot know: no replay of old lines");
    assertEquals(4, first.toSeq());
    assertEquals(new JsonArray(), first.lines());
    assertEquals("s-1", first.fields().getString(CallFields.SESSION_ID), "but the whole state, so a client can render the call");

    seed.lines("late", 5, 5);
    touch("late", 1);
    RoomDelta next = nextDelta("late");
    assertEquals(4, next.fromSeq());
    assertEquals(range(5, 5), seqs(next));
  }

  @Test
  void aNewSessionInTheSameRoomStartsOverFromSeqZero() throws Exception {
    owned.add("r2");
    watch("r2");
    seed.call("r2", "s-1", 5000).lines("r2", 1, 3);
    touch("r2", 1);
    assertEquals(3, nextDelta("r2").toSeq());

    // the room is reused: the old session's log is archived away, the new one has its own seqs
    seed.gone("r2").call("r2", "s-2", 6000).lines("r2", 1, 2);
    touch("r2", 1);
    RoomDelta restarted = nextDelta("r2");
    assertEquals("s-2", restarted.sessionId(), "a delta with another session_id starts over");
    assertEquals(0, restarted.fromSeq());
    assertEquals(range(1, 2), seqs(restarted), "the new session's lines, not cut at the old session's seq 3");
  }

  @Test
  void aBurstOfLinesIsPagedIntoContiguousDeltas() throws Exception {
    owned.add("busy");
    watch("busy");
    seed.call("busy", "s-1", 5000).lines("busy", 1, 1200);
    touch("busy", 1);
    long expectedFrom = 0;
    for (long to : List.of(500L, 1000L, 1200L)) {
      RoomDelta d = nextDelta("busy");
      assertEquals(expectedFrom, d.fromSeq(), "pages are contiguous");
      assertEquals(to, d.toSeq());
      assertEquals(range(expectedFrom + 1, to), seqs(d));
      expectedFrom = to;
    }
  }

  @Test
  void aRoomThisInstanceDoesNotOwnIsNeverPublished() throws Exception {
    watch("theirs");
    seed.call("theirs", "s-1", 5000).lines("theirs", 1, 2);
    touch("theirs", 1);
    // no later event of an unowned room exists to wait for: a bounded check of 25 windows
    never("a delta for a room owned by another instance", Duration.ofMillis(25 * WINDOW_MS), () -> !deltas.get("theirs").isEmpty());
    assertEquals(Set.of(), publisher.knownRooms());
    assertEquals(0, publisher.deltasPublished());
  }
}
