package io.switchboard.ingest;

import static io.switchboard.testkit.RedisCallReads.hash;
import static io.switchboard.testkit.RedisCallReads.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.live.CallEvent;
import io.switchboard.contract.live.ChangeRecord;
import io.switchboard.contract.live.EventType;
import io.switchboard.contract.live.RedisKeys;
import io.switchboard.platform.redis.ChangeRecordCodec;
import io.switchboard.platform.redis.PatternSubscription;
import io.switchboard.testkit.Eventually;
import io.switchboard.testkit.RedisPerClass;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The change feed as the real apply script publishes it (docs/architecture.md#change-feed): for an
 * event of a call that goes on, one record right after the call hash's HSET notification on the
 * same connection, and that record applied to the room as it was gives the room as it is (every
 * field of the hash, every line of the log); no record for an event that starts or ends a call.
 */
class ChangeFeedScriptTest {
  @RegisterExtension static final RedisPerClass redis = new RedisPerClass();
  private static final String ROOM = "r1";
  private static final String SESSION = "s1";
  private Vertx vertx;
  private RedisAPI api;
  private LiveStateWriter writer;
  private PatternSubscription subscription;
  /** In arrival order: "hset call:r1" style for notifications, the record for feed messages. */
  private final List<Object> messages = new CopyOnWriteArrayList<>();
  private final long now = 1_700_000_000_000L;
  private int markers;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    api = redis.connect(vertx);
    api.flushall(List.of()).await();
    writer = new LiveStateWriter(api, 2000, new IngestMetrics());
    subscription = new PatternSubscription(vertx, Redis.createClient(vertx, redis.url()), List.of(RedisKeys.KEYSPACE_PATTERN, RedisKeys.FEED_PATTERN),
        conn -> conn.send(Request.cmd(Command.CONFIG).arg("SET").arg("notify-keyspace-events").arg(RedisKeys.KEYSPACE_EVENTS)),
        (channel, message) -> messages.add(channel.startsWith(RedisKeys.FEED_CHANNEL_PREFIX)
            ? new Fed(channel.substring(RedisKeys.FEED_CHANNEL_PREFIX.length()), ChangeRecordCodec.parse(message.toBuffer()))
            : message + " " + channel.substring(RedisKeys.KEYSPACE_PREFIX.length())),
        () -> { });
    subscription.start();
    Eventually.eventually("subscription", Duration.ofSeconds(10), subscription::subscribed);
  }

  @AfterEach
  void stop() {
    subscription.stop();
    vertx.close().await();
  }

  record Fed(String room, ChangeRecord record) {}

  @Test
  void eachEventOfALiveCallIsRecordedAsExactlyWhatItWrote() {
    List<Object> start = applied(started());
    assertTrue(start.contains("hset call:r1") && start.stream().noneMatch(m -> m instanceof Fed), "a call's start is read, not recorded: " + start);
    // text a separator-based format would break on: colons, digits, a newline, multi-byte UTF-8
    checkRecorded(transcript("user", "u1", "12:30 — wait:\nthe 3:00 slot? ünïcødé 🎧", true), null);
    checkRecorded(transcript("agent", "a1", "let me check", false), null); // an interim: fields only
    checkRecorded(plan("agent_state", new JsonObject().put("state", "thinking")), null);
    checkRecorded(plan("metrics", new JsonObject().put("e2e_ms", 2400)), null);
    checkRecorded(plan("supervisor", new JsonObject().put("action", "view").put("by", "sam")), null);
    // a customer line with its sentiment annotation inline: two lines, the annotation's fields
    Map<String, String> before = hash(api, ROOM);
    long lineSeq = Long.parseLong(before.get("last_seq")) + 1;
    EventPlan line = transcript("user", "u2", "this is the third time I call", true);
    InlineAnnotation inline = SentimentHook.inline(ROOM,
        new SentimentInputs.Room(SESSION, lineSeq - 1, before.getOrDefault("sentiment_state", ""), before.getOrDefault("metrics", ""),
            before.getOrDefault("language", "")),
        TestAnnotations.negative(lineSeq), now);
    ChangeRecord annotated = checkRecorded(line, inline);
    assertEquals(2, annotated.lines().size(), "the line and its annotation: " + annotated);

    List<Object> end = applied(plan("call_ended", new JsonObject().put("reason", "completed")));
    assertTrue(end.contains("hset call:r1") && end.stream().noneMatch(m -> m instanceof Fed), "a call's end is read, not recorded: " + end);
  }

  /** Applies the event and checks its one record against the room before and after. */
  private ChangeRecord checkRecorded(EventPlan plan, InlineAnnotation inline) {
    Map<String, String> hashBefore = hash(api, ROOM);
    List<Map<String, String>> logBefore = log(api, ROOM);
    plan.inline = inline;
    List<Object> during = applied(plan);
    List<Object> forRoom = hashMessages(during);
    assertEquals(2, forRoom.size(), "the HSET's notification, then the record: " + during);
    assertEquals("hset call:r1", forRoom.get(0));
    assertTrue(forRoom.get(1) instanceof Fed f && f.room().equals(ROOM), "then the record: " + during);
    ChangeRecord record = ((Fed) forRoom.get(1)).record();

    assertEquals(SESSION, record.session());
    assertEquals(Long.parseLong(hashBefore.get("last_seq")), record.baseSeq(), "the seq before the event");
    Map<String, String> rebuilt = new LinkedHashMap<>(hashBefore);
    for (int i = 0; i < record.fieldValues().size(); i += 2) {
      rebuilt.put(record.fieldValues().get(i), record.fieldValues().get(i + 1));
    }
    Map<String, String> hashAfter = hash(api, ROOM);
    assertEquals(new java.util.TreeMap<>(hashAfter), new java.util.TreeMap<>(rebuilt), "the hash before + the record's fields");
    List<Map<String, String>> logAfter = log(api, ROOM);
    List<Map<String, String>> added = logAfter.subList(logBefore.size(), logAfter.size());
    assertEquals(added.size(), record.lines().size(), "one recorded line per line added");
    for (int i = 0; i < added.size(); i++) {
      assertEquals(added.get(i).get("id"), RedisKeys.entryId(record.lines().get(i).seq()));
      assertEquals(added.get(i).get("line"), record.lines().get(i).json());
    }
    assertEquals(Long.parseLong(hashAfter.get("last_seq")), record.toSeq());
    return record;
  }

  /** What the subscription received while the event was applied (up to a marker written after it). */
  private List<Object> applied(EventPlan plan) {
    messages.clear();
    ApplyResult r = writer.apply(ROOM, SESSION, plan, now, false).await();
    assertTrue(r.ok(), String.valueOf(r));
    String marker = "call:" + ROOM + ":marker";
    api.hset(List.of(marker, "n", String.valueOf(++markers))).await();
    Eventually.eventually("marker", Duration.ofSeconds(10), () -> messages.contains("hset " + marker));
    return new ArrayList<>(messages.subList(0, messages.indexOf("hset " + marker)));
  }

  private static List<Object> hashMessages(List<Object> during) {
    return during.stream().filter(m -> m instanceof Fed || "hset call:r1".equals(m) || ((String) m).endsWith(" call:r1:log")).toList();
  }

  private EventPlan started() {
    return plan("call_started", new JsonObject().put("language", "en").put("customer", "Ana"));
  }

  private EventPlan transcript(String role, String segment, String text, boolean fin) {
    return plan("transcript", new JsonObject().put("role", role).put("text", text).put("final", fin).put("segment_id", segment));
  }

  private EventPlan plan(String type, JsonObject data) {
    return EventPlanner.plan(new CallEvent(ROOM, SESSION, type, null, now, data), EventType.byWire(type).orElseThrow(), now);
  }
}
