package io.switchboard.debouncer;

import static io.switchboard.testkit.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.BusErrors;
import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.HistoryReply;
import io.switchboard.testkit.FreePort;
import io.switchboard.testkit.RedisPerClass;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Late join against real Redis: {@code call.history} returns the snapshot and the lines after a
 * seq in pages ({@code lastSeq}, {@code hasMore}) with the room's recent debug events;
 * {@code calls.snapshot} every live call's summary in start order; bad requests, unknown rooms and
 * a dead Redis get their own bus error codes.
 */
@ExtendWith(VertxExtension.class)
class HistoryServiceTest {
  private static final int MAX_PAGE = 50;
  @RegisterExtension
  static final RedisPerClass redis = new RedisPerClass();
  private LiveStateSeed seed;
  private DebugRings debug;
  private Vertx vertx;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    seed = LiveStateSeed.emptied(redis.connect(vertx));
    RedisAPI api = seed.api();
    debug = new DebugRings(vertx, api, 3);
    HistoryService history = new HistoryService(vertx.eventBus(), io.vertx.redis.client.Redis.createClient(vertx, redis.url()), MAX_PAGE, debug);
    vertx.eventBus().consumer(Addresses.CALL_HISTORY, history::history).completion().await(5, TimeUnit.SECONDS);
    vertx.eventBus().consumer(Addresses.CALLS_SNAPSHOT, history::snapshot).completion().await(5, TimeUnit.SECONDS);
  }

  private Object ask(String address, Object body) throws Exception {
    return vertx.eventBus().request(address, body).await(10, TimeUnit.SECONDS).body();
  }

  private HistoryReply history(JsonObject request) throws Exception {
    return HistoryReply.fromJson((JsonObject) ask(Addresses.CALL_HISTORY, request));
  }

  private int failureCode(String address, Object body) throws Exception {
    Throwable t = assertThrows(Throwable.class, () -> ask(address, body));
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    assertTrue(cause instanceof ReplyException, "a bus failure, not " + cause);
    return ((ReplyException) cause).failureCode();
  }

  private static List<Long> seqs(HistoryReply r) {
    return r.lines().stream().map(JsonObject.class::cast).map(l -> l.getLong("seq")).toList();
  }

  @Test
  void aLateJoinerGetsTheSnapshotAndEveryLineAfterItsSeq() throws Exception {
    seed.call("r1", "s-1", 5000).lines("r1", 1, 7).fields("r1", CallFields.LISTENERS, "[\"sam\"]");
    HistoryReply all = history(new JsonObject().put("room", "r1"));
    assertEquals("s-1", all.sessionId());
    assertEquals(LongStream.rangeClosed(1, 7).boxed().toList(), seqs(all));
    assertEquals("line 1", all.lines().getJsonObject(0).getString("text"));
    assertEquals(7, all.lastSeq());
    assertFalse(all.hasMore());
    assertEquals(7L, all.snapshot().getLong(CallFields.LAST_SEQ), "the snapshot is as of lastSeq");
    assertEquals(new JsonArray().add("sam"), all.snapshot().getJsonArray(CallFields.LISTENERS), "JSON fields decoded");

    HistoryReply after = history(new JsonObject().put("room", "r1").put("afterSeq", 5));
    assertEquals(List.of(6L, 7L), seqs(after), "only lines the client does not hold");
    assertEquals(7, after.lastSeq());

    HistoryReply upToDate = history(new JsonObject().put("room", "r1").put("afterSeq", 7));
    assertEquals(List.of(), seqs(upToDate));
    assertEquals(7, upToDate.lastSeq(), "no lines: lastSeq stays the client's seq");
  }

  @Test
  void longHistoriesArePagedUpToTheServersMaximum() throws Exception {
    seed.call("long", "s-1", 5000).lines("long", 1, 120);
    HistoryReply page1 = history(new JsonObject().put("room", "long").put("limit", 30));
    assertEquals(LongStream.rangeClosed(1, 30).boxed().toList(), seqs(page1));
    assertEquals(30, page1.lastSeq());
    assertTrue(page1.hasMore());

    HistoryReply capped = history(new JsonObject().put("room", "long").put("afterSeq", page1.lastSeq()).put("limit", 1000));
    assertEquals(LongStream.rangeClosed(31, 80).boxed().toList(), seqs(capped), "a client cannot ask for more than the server's page");
    assertTrue(capped.hasMore());

    HistoryReply last = history(new JsonObject().put("room", "long").put("afterSeq", capped.lastSeq()));
    assertEquals(LongStream.rangeClosed(81, 120).boxed().toList(), seqs(last), "no limit means the server's page");
    assertEquals(120, last.lastSeq());
    assertFalse(last.hasMore(), "exactly the rest: no empty extra page");

    seed.call("exact", "s-1", 5000).lines("exact", 1, MAX_PAGE);
    assertFalse(history(new JsonObject().put("room", "exact")).hasMore(), "a full page that is the whole log has no more");
  }

  @Test
  void aLateJoinersLongPageHasEveryLineInOrder() throws Exception {
    // a late join of a long call: pages of up to the server's maximum, each line once, in order
    Vertx own = Vertx.vertx();
    try {
      HistoryService big = new HistoryService(own.eventBus(), io.vertx.redis.client.Redis.createClient(own, redis.url()), 5000, new DebugRings(own, redis.connect(own), 3));
      own.eventBus().consumer(Addresses.CALL_HISTORY, big::history).completion().await(5, TimeUnit.SECONDS);
      seed.call("long", "s-1", 5000).lines("long", 1, 2000);
      for (int limit : List.of(98, 1500, 0)) {
        HistoryReply r = HistoryReply.fromJson((JsonObject) own.eventBus().request(Addresses.CALL_HISTORY, new JsonObject().put("room", "long").put("limit", limit))
            .await(10, TimeUnit.SECONDS).body());
        int expected = limit == 0 ? 2000 : limit;
        assertEquals(LongStream.rangeClosed(1, expected).boxed().toList(), seqs(r), "limit " + limit);
        assertEquals("line " + expected, r.lines().getJsonObject(expected - 1).getString("text"));
        assertEquals(expected, r.lastSeq());
        assertEquals(limit != 0, r.hasMore());
        assertEquals("s-1", r.sessionId());
      }
      assertEquals(BusErrors.NOT_FOUND, assertThrows(ReplyException.class, () -> {
        try {
          own.eventBus().request(Addresses.CALL_HISTORY, new JsonObject().put("room", "nobody")).await(10, TimeUnit.SECONDS);
        } catch (CompletionException e) {
          throw e.getCause();
        }
      }).failureCode());
    } finally {
      own.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theRoomsRecentDebugEventsComeWithItsHistoryOldestFirstAndBounded() throws Exception {
    seed.call("dbg", "s-1", 5000);
    vertx.runOnContext(v -> debug.watch("dbg"));
    eventually("the debug ring is listening", Duration.ofSeconds(5), () -> {
      vertx.eventBus().publish(Addresses.callDebug("dbg"), new JsonObject().put("kind", "probe"));
      return !history(new JsonObject().put("room", "dbg")).debug().isEmpty();
    });
    // probes of the loop above may still be on their way to Redis (a pooled client keeps no order
    // between its connections): let the ring settle, then record each state before the next
    io.switchboard.testkit.Eventually.settled("probes recorded", Duration.ofMillis(300), Duration.ofSeconds(5),
        () -> history(new JsonObject().put("room", "dbg")).debug().encode());
    List<String> states = List.of("listening", "thinking", "speaking", "listening");
    for (int i = 0; i < states.size(); i++) {
      int n = i;
      vertx.eventBus().publish(Addresses.callDebug("dbg"), new JsonObject().put("kind", "state").put("to", states.get(i)).put("n", n));
      eventually("debug event " + n + " recorded", Duration.ofSeconds(5), () -> {
        JsonArray d = history(new JsonObject().put("room", "dbg")).debug();
        return !d.isEmpty() && Integer.valueOf(n).equals(d.getJsonObject(d.size() - 1).getInteger("n"));
      });
    }
    assertEquals(3, history(new JsonObject().put("room", "dbg")).debug().size(), "bounded by the ring size");
    JsonArray recent = history(new JsonObject().put("room", "dbg")).debug();
    assertEquals(List.of("thinking", "speaking", "listening"), recent.stream().map(JsonObject.class::cast).map(j -> j.getString("to")).toList(),
        "the newest three, oldest first");
  }

  @Test
  void theCallListSnapshotHoldsEveryLiveCallInStartOrder() throws Exception {
    seed.call("second", "s-2", 2000).call("first", "s-1", 1000).fields("first", CallFields.AGENT_STATE, "speaking", CallFields.SENTIMENT_SCORE, "-0.5");
    // listed but its hash already expired: not a call any more
    redisApi().zadd(List.of("active_calls", "3000", "expired")).await(5, TimeUnit.SECONDS);
    JsonObject snapshot = (JsonObject) ask(Addresses.CALLS_SNAPSHOT, new JsonObject());
    JsonArray calls = snapshot.getJsonArray("calls");
    assertEquals(List.of("first", "second"), calls.stream().map(JsonObject.class::cast).map(c -> c.getString(CallFields.ROOM)).toList());
    JsonObject first = calls.getJsonObject(0);
    assertEquals("s-1", first.getString(CallFields.SESSION_ID));
    assertEquals("speaking", first.getString(CallFields.AGENT_STATE));
    assertEquals(-0.5, first.getDouble(CallFields.SENTIMENT_SCORE), 1e-9, "numbers as numbers");
    assertEquals(1000L, first.getLong(CallFields.STARTED_AT));
    assertTrue(first.fieldNames().containsAll(CallFields.SUMMARY_FIELDS), "every summary field, null when unset: " + first.fieldNames());
  }

  private RedisAPI redisApi() {
    return redis.connect(vertx);
  }

  @Test
  void badRequestsAndUnknownRoomsAreRefusedWithTheirCodes() throws Exception {
    seed.call("r1", "s-1", 5000).lines("r1", 1, 1);
    assertEquals(BusErrors.BAD_REQUEST, failureCode(Addresses.CALL_HISTORY, "r1"), "not an object");
    assertEquals(BusErrors.BAD_REQUEST, failureCode(Addresses.CALL_HISTORY, new JsonObject().put("room", "r1").put("afterSeq", "5")), "afterSeq not a number");
    assertEquals(BusErrors.BAD_REQUEST, failureCode(Addresses.CALL_HISTORY, new JsonObject()), "no room");
    assertEquals(BusErrors.BAD_REQUEST, failureCode(Addresses.CALL_HISTORY, new JsonObject().put("room", "bad room name!*")), "not a room name");
    assertEquals(BusErrors.BAD_REQUEST, failureCode(Addresses.CALL_HISTORY, new JsonObject().put("room", "r1").put("afterSeq", -1)));
    assertEquals(BusErrors.BAD_REQUEST, failureCode(Addresses.CALL_HISTORY, new JsonObject().put("room", "r1").put("limit", -5)));
    assertEquals(BusErrors.NOT_FOUND, failureCode(Addresses.CALL_HISTORY, new JsonObject().put("room", "nobody-here")));
    assertEquals(List.of(1L), seqs(history(new JsonObject().put("room", "r1"))), "the service still answers good requests");
  }

  @Test
  void aDeadRedisIsUnavailableNotAHang(Vertx other) throws Exception {
    Redis deadClient = Redis.createClient(other, "redis://127.0.0.1:" + FreePort.get());
    RedisAPI dead = RedisAPI.api(deadClient);
    HistoryService history = new HistoryService(other.eventBus(), deadClient, MAX_PAGE, new DebugRings(other, dead, 3));
    other.eventBus().consumer("test.history.dead", history::history).completion().await(5, TimeUnit.SECONDS);
    other.eventBus().consumer("test.snapshot.dead", history::snapshot).completion().await(5, TimeUnit.SECONDS);
    assertEquals(BusErrors.UNAVAILABLE, failureCode("test.history.dead", new JsonObject().put("room", "r1")));
    assertEquals(BusErrors.UNAVAILABLE, failureCode("test.snapshot.dead", new JsonObject()));
  }
}
