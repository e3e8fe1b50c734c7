package io.switchboard.ingest;

import static io.switchboard.testkit.RedisCallReads.hash;
import static io.switchboard.testkit.RedisCallReads.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.live.CallEvent;
import io.switchboard.contract.live.EventType;
import io.switchboard.contract.live.RedisKeys;
import io.switchboard.contract.sentiment.CallSentimentState;
import io.switchboard.contract.sentiment.SentimentAnnotation;
import io.switchboard.testkit.RedisPerClass;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A customer line and its sentiment annotation in one script call (docs/architecture.md#sentiment-inline):
 * the same call hash and log as the line followed by the annotation as its own event, and the
 * annotation only when the call is still what it was computed from.
 */
class InlineAnnotationScriptTest {
  @RegisterExtension static final RedisPerClass redis = new RedisPerClass();
  private static final String ROOM = "r1";
  private static final String SESSION = "s1";
  private Vertx vertx;
  private RedisAPI api;
  private LiveStateWriter writer;
  private long now;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    api = redis.connect(vertx);
    api.flushall(List.of()).await();
    writer = new LiveStateWriter(api, 2000, new IngestMetrics());
    now = 1_700_000_000_000L;
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void lineAndInlineAnnotationLeaveWhatTheLineAndThenItsAnnotationLeave() {
    // call A: the line, then the annotation as a second event (the path without inline)
    startCall();
    ApplyResult line = apply(userLine("u1", "this is the third time I call"), null);
    assertFalse(line.annotated());
    apply(annotationEvent(TestAnnotations.negative(line.seq())), null);
    Map<String, String> twoWrites = hash(api, ROOM);
    List<Map<String, String>> twoWritesLog = log(api, ROOM);

    // call B, same events: the annotation computed first and stored with the line
    api.flushall(List.of()).await();
    startCall();
    SentimentInputs.Room guess = new SentimentInputs.Room(SESSION, 1, "", "", "en");
    EventPlan plan = userLine("u1", "this is the third time I call");
    plan.inline = SentimentHook.inline(ROOM, guess, TestAnnotations.negative(2), now);
    ApplyResult both = apply(plan, plan.inline);

    assertTrue(both.annotated(), String.valueOf(both));
    assertEquals(line.seq(), both.seq(), "the reply names the line's own seq");
    Map<String, String> oneWrite = hash(api, ROOM);
    twoWrites.remove("updated_at");
    oneWrite.remove("updated_at");
    assertEquals(twoWrites, oneWrite, "the call hash");
    assertEquals(twoWritesLog, log(api, ROOM), "the log: the line, then the annotation referring to it");
    assertEquals("3", oneWrite.get("last_seq"));
    assertEquals(2L, new JsonObject(log(api, ROOM).get(2).get("line")).getLong("ref"));
  }

  @Test
  void aLineWrittenMeanwhileLeavesTheLineAloneWithTheRealInputs() {
    startCall();
    SentimentInputs.Room guess = new SentimentInputs.Room(SESSION, 1, "", "", "en");
    apply(agentLine("a1", "how can I help"), null); // another instance wrote seq 2 since the guess
    EventPlan plan = userLine("u1", "I want a refund");
    plan.inline = SentimentHook.inline(ROOM, guess, TestAnnotations.negative(2), now);
    ApplyResult r = apply(plan, plan.inline);

    assertFalse(r.annotated(), String.valueOf(r));
    assertEquals(3, r.seq());
    assertEquals("3", hash(api, ROOM).get("last_seq"), "no annotation line");
    assertEquals("neutral", hash(api, ROOM).get("sentiment"), "the call's sentiment is untouched");
    assertEquals("en", r.language(), "the real inputs come back for the annotation after the line");
  }

  @Test
  void aChangedSentimentStateOrMetricsLeavesTheLineAlone() {
    startCall();
    ApplyResult first = apply(userLine("u1", "hello"), null);
    apply(annotationEvent(TestAnnotations.negative(first.seq())), null);
    String state = hash(api, ROOM).get("sentiment_state");
    // the guess holds an older state than the hash
    SentimentInputs.Room stale = new SentimentInputs.Room(SESSION, 3, "", "", "en");
    EventPlan plan = userLine("u2", "still waiting");
    plan.inline = SentimentHook.inline(ROOM, stale, TestAnnotations.negative(4), now);
    ApplyResult r = apply(plan, plan.inline);
    assertFalse(r.annotated());
    assertEquals(state, r.sentimentState(), "the state the annotation after the line must start from");

    // metrics an agent posted since: the latency input changed
    SentimentInputs.Room current = new SentimentInputs.Room(SESSION, 4, state, "", "en");
    apply(metrics(), null);
    EventPlan next = userLine("u3", "hello?");
    next.inline = SentimentHook.inline(ROOM, current, TestAnnotations.negative(5), now);
    ApplyResult r2 = apply(next, next.inline);
    assertFalse(r2.annotated());
    assertFalse(r2.metrics().isEmpty());
  }

  @Test
  void anAnnotationWhoseIdIsKnownIsNotStoredTwice() {
    startCall();
    ApplyResult first = apply(userLine("u1", "hi"), null);
    apply(annotationEvent(TestAnnotations.negative(first.seq())), null); // its dedup id: sentiment:2
    SentimentInputs.Room guess = new SentimentInputs.Room(SESSION, 3, hash(api, ROOM).get("sentiment_state"), "", "en");
    InlineAnnotation fresh = SentimentHook.inline(ROOM, guess, TestAnnotations.negative(4), now);
    InlineAnnotation known = new InlineAnnotation(fresh.lineSeq(), fresh.expectedState(), fresh.expectedMetrics(),
        fresh.expectedLanguage(), "sentiment:" + first.seq(), fresh.lineJson(), fresh.sets(), fresh.sentimentState(), fresh.state(), fresh.data());
    EventPlan plan = userLine("u2", "hi again");
    ApplyResult r = apply(plan, known);
    assertFalse(r.annotated(), "a known annotation id stores the line alone: " + r);
    assertEquals("4", hash(api, ROOM).get("last_seq"));
  }

  @Test
  void theStateOfAnInlineAnnotationIsKeptAsTheRecordTheStoredStringParsesTo() {
    SentimentInputs inputs = new SentimentInputs();
    EventPlan started = EventPlanner.plan(new CallEvent(ROOM, SESSION, "call_started", null, 0, new JsonObject().put("language", "en")),
        EventType.CALL_STARTED, now);
    inputs.applied(ROOM, started, apply(started, null));
    SentimentInputs.Room guess = inputs.guess(ROOM, SESSION).orElseThrow();
    EventPlan plan = userLine("u1", "this is the third time I call");
    InlineAnnotation inline = SentimentHook.inline(ROOM, guess, TestAnnotations.negative(2), now);
    inputs.applied(ROOM, plan, apply(plan, inline));

    SentimentInputs.Room next = inputs.guess(ROOM, SESSION).orElseThrow();
    assertEquals(hash(api, ROOM).get("sentiment_state"), next.sentimentState(), "the string the script compares is the hash's");
    assertNotNull(next.state(), "the next line's prior needs no parsing");
    assertEquals(SentimentHook.prior(next.sentimentState()), next.state(), "and is what parsing the string would give");

    // a sentiment event that did not come through an inline annotation sets the state: only its
    // string is known now, and the next request parses it
    EventPlan other = annotationEvent(new SentimentAnnotation(4, "positive", 0.6, 0.9,
        new CallSentimentState(0.1, "neutral", 2, 0, 1, List.of(), 0, 0.6), List.of(), "agent"));
    inputs.applied(ROOM, other, apply(other, null));
    SentimentInputs.Room after = inputs.guess(ROOM, SESSION).orElseThrow();
    assertNull(after.state(), "a record of the old state must not outlive its string");
    assertEquals(0.6, SentimentHook.prior(after.sentimentState()).lastScore(), 1e-9);
  }

  private void startCall() {
    apply(EventPlanner.plan(new CallEvent(ROOM, SESSION, "call_started", null, 0, new JsonObject().put("language", "en")),
        EventType.CALL_STARTED, now), null);
  }

  private EventPlan userLine(String segment, String text) {
    return transcript("user", segment, text);
  }

  private EventPlan agentLine(String segment, String text) {
    return transcript("agent", segment, text);
  }

  private EventPlan transcript(String role, String segment, String text) {
    JsonObject data = new JsonObject().put("role", role).put("text", text).put("final", true).put("segment_id", segment);
    return EventPlanner.plan(new CallEvent(ROOM, SESSION, "transcript", null, now, data), EventType.TRANSCRIPT, now);
  }

  private EventPlan metrics() {
    return EventPlanner.plan(new CallEvent(ROOM, SESSION, "metrics", null, now, new JsonObject().put("e2e_ms", 2400)), EventType.METRICS, now);
  }

  private EventPlan annotationEvent(SentimentAnnotation a) {
    CallEvent e = new CallEvent(ROOM, SESSION, "sentiment", null, 0, SentimentHook.inline(ROOM,
        new SentimentInputs.Room(SESSION, a.seq() - 1, "", "", ""), a, now).data());
    return EventPlanner.plan(e, EventType.SENTIMENT, now);
  }

  private ApplyResult apply(EventPlan plan, InlineAnnotation inline) {
    plan.inline = inline;
    return writer.apply(ROOM, SESSION, plan, now, false).await();
  }

}
