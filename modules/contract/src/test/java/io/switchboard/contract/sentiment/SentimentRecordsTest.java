package io.switchboard.contract.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The issue-14 fields are optional both ways: old bodies still read, new ones round-trip. */
class SentimentRecordsTest {
  @Test
  void alertCarriesEveryReasonAndReadsOldBodies() {
    Alert a = new Alert("r", "s", "human_requested", "d", 7, 9, List.of("human_requested", "cancel_threat"));
    Alert back = Alert.fromJson(a.toJson());
    assertEquals(a, back);
    assertEquals(List.of("human_requested", "cancel_threat"), a.toJson().getJsonArray("reasons").getList());
    Alert old = Alert.fromJson(new JsonObject().put("room", "r").put("session_id", "s").put("reason", "profanity").put("detail", "d").put("seq", 4).put("at", 1));
    assertEquals(List.of("profanity"), old.reasons(), "a single-reason body lists its reason");
    assertEquals(List.of("profanity"), new Alert("r", "s", "profanity", "d", 4, 1).reasons());
  }

  @Test
  void callStateKeepsAgentFailuresAndLastScore() {
    CallSentimentState s = new CallSentimentState(-0.2, "neutral", 3, 1, 0, List.of("agent_latency"), 2, -0.6);
    assertEquals(s, CallSentimentState.fromJson(s.toJson()));
    CallSentimentState old = CallSentimentState.fromJson(new JsonObject().put("score", 0.1).put("turns", 2));
    assertEquals(0, old.agentFailures());
    assertEquals(0.0, old.lastScore());
    assertEquals(List.of("x"), s.withEscalations(List.of("x")).escalations());
    assertEquals(2, s.withEscalations(List.of("x")).agentFailures());
  }

  @Test
  void requestCarriesOptionalAgentLines() {
    SentimentRequest r = new SentimentRequest("r", "s", 5, "hi", "en", -1, CallSentimentState.initial(), "sorry, I didn't catch that", 1);
    assertEquals(r, SentimentRequest.fromJson(r.toJson()));
    SentimentRequest old = new SentimentRequest("r", "s", 5, "hi", "en", -1, CallSentimentState.initial());
    SentimentRequest oldBack = SentimentRequest.fromJson(old.toJson());
    assertNull(oldBack.agentText());
    assertEquals(0, oldBack.agentToolErrors());
  }
}
