package io.switchboard.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.live.CallEvent;
import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.EventType;
import io.switchboard.contract.live.LogLine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What one agent event does to the live state: the fields it sets, the log line it appends, the
 * id retries are de-duplicated by, and whether it may start or must end the call.
 */
class EventPlannerTest {
  private static final long NOW = 1_764_000_000_000L;

  private static EventPlan plan(EventType type, String eventId, long ts, JsonObject data) {
    return EventPlanner.plan(new CallEvent("room-1", "s-1", type.wire(), eventId, ts, data), type, NOW);
  }

  private static EventPlan plan(EventType type, JsonObject data) {
    return plan(type, null, 0, data);
  }

  private static JsonObject line(EventPlan p) {
    return new JsonObject(p.lineJson);
  }

  @Test
  void aFinalTranscriptAppendsOneLineClearsTheInterimAndIsDedupedBySegment() {
    EventPlan p = plan(EventType.TRANSCRIPT, new JsonObject().put("role", "user").put("text", "my card is lost").put("final", true).put("segment_id", "u-3").put("language", "en"));
    assertEquals(LogLine.KIND_TRANSCRIPT, p.lineKind);
    assertEquals(new JsonObject().put("kind", "transcript").put("ts", NOW).put("role", "user").put("text", "my card is lost").put("segment_id", "u-3").put("language", "en"), line(p));
    assertEquals(List.of("set", CallFields.INTERIM, ""), p.ops, "the interim line is replaced by the final one");
    assertEquals("seg:u-3", p.eventId, "a retried segment is the same event");
    assertEquals("su", p.flags(), "a transcript may start the call; a final user line is the customer's turn");
  }

  @Test
  void anAgentLineIsNotTheCustomersTurnAndAnExplicitEventIdWins() {
    EventPlan p = plan(EventType.TRANSCRIPT, "ev-9", 0, new JsonObject().put("role", "agent").put("text", "hello").put("segment_id", "a-1"));
    assertEquals("ev-9", p.eventId);
    assertEquals("s", p.flags(), "final defaults to true, but an agent line is not a user turn");
  }

  @Test
  void anInterimTranscriptOnlyReplacesTheInterimFieldAndAddsNoLine() {
    EventPlan p = plan(EventType.TRANSCRIPT, new JsonObject().put("role", "user").put("text", "my ca").put("final", false).put("segment_id", "u-4"));
    assertEquals("", p.lineKind);
    assertEquals("", p.lineJson, "interim text is never stored in the log");
    assertEquals(3, p.ops.size());
    assertEquals(CallFields.INTERIM, p.ops.get(1));
    assertEquals(new JsonObject().put("role", "user").put("text", "my ca").put("ts", NOW).put("segment_id", "u-4"), new JsonObject(p.ops.get(2)));
    assertEquals("", p.eventId, "interims are not de-duplicated: the latest wins");
    assertEquals("s", p.flags());
  }

  @Test
  void theEventTsWinsOverTheDataTsWhichWinsOverNow() {
    JsonObject d = new JsonObject().put("state", "thinking").put("ts", 111L);
    assertEquals(List.of("set", CallFields.AGENT_STATE, "thinking", "set", CallFields.AGENT_STATE_AT, "222"), plan(EventType.AGENT_STATE, null, 222, d).ops);
    assertEquals("111", plan(EventType.AGENT_STATE, null, 0, d).ops.get(5));
    assertEquals(String.valueOf(NOW), plan(EventType.AGENT_STATE, null, 0, new JsonObject().put("state", "thinking")).ops.get(5));
  }

  @Test
  void callStartedCopiesTheCallsIdentityAndIsOneEventPerSession() {
    EventPlan p = plan(EventType.CALL_STARTED, new JsonObject().put("agent", "aria").put("customer", "+60123").put("language", "ms").put("room_sid", "RM_1")
        .put("metadata", new JsonObject().put("simulated", true)));
    assertEquals(List.of("set", CallFields.AGENT, "aria", "set", CallFields.CUSTOMER, "+60123", "set", CallFields.LANGUAGE, "ms", "set", CallFields.ROOM_SID, "RM_1",
        "set", CallFields.SIMULATED, "1"), p.ops);
    assertEquals(new JsonObject().put("kind", "lifecycle").put("ts", NOW).put("event", "started"), line(p));
    assertEquals("started", p.eventId, "a second call_started of the session is a duplicate");
    assertEquals("s", p.flags());
    assertFalse(plan(EventType.CALL_STARTED, new JsonObject().put("metadata", new JsonObject().put("simulated", "yes"))).ops.contains(CallFields.SIMULATED),
        "only a JSON true marks a call simulated");
  }

  @Test
  void callEndedEndsTheCallWithAKnownReasonAndChecksTheRoomSid() {
    EventPlan p = plan(EventType.CALL_ENDED, new JsonObject().put("reason", " Customer_Hangup ").put("room_sid", "RM_1").put("transfer_target", "sip:en@pbx"));
    assertEquals("e", p.flags(), "an end never starts a call");
    assertEquals(List.of("set", CallFields.END_REASON, "customer_hangup", "set", CallFields.TRANSFER_TARGET, "sip:en@pbx", "set", CallFields.AGENT_STATE, "ended"), p.ops);
    assertEquals("RM_1", p.expectedRoomSid, "a webhook for another room sid must not end this call");
    assertEquals(new JsonObject().put("kind", "lifecycle").put("ts", NOW).put("event", "ended").put("reason", "customer_hangup"), line(p));
    assertEquals("ended", p.eventId);
    assertEquals("completed", plan(EventType.CALL_ENDED, new JsonObject()).ops.get(2), "no reason means completed");
  }

  @Test
  void anUnknownEndReasonStillEndsTheCallAndKeepsTheAgentsWordsBounded() {
    String raw = "x".repeat(300);
    EventPlan p = plan(EventType.CALL_ENDED, new JsonObject().put("reason", raw));
    assertTrue(p.ends);
    assertEquals(List.of("set", CallFields.END_REASON, "unknown", "set", CallFields.END_REASON_RAW, "x".repeat(128), "set", CallFields.AGENT_STATE, "ended"), p.ops);
  }

  @Test
  void aSentimentAnnotatesItsLineBySeqAndSetsTheCallLevelState() {
    JsonObject call = new JsonObject().put("label", "negative").put("score", -0.6).put("escalations", new JsonArray().add("anger"));
    EventPlan p = plan(EventType.SENTIMENT, new JsonObject().put("seq", 7L).put("label", "negative").put("score", -0.8).put("confidence", 0.9).put("source", "model")
        .put("call", call).put("new_escalations", new JsonArray().add("anger")));
    assertEquals(LogLine.KIND_ANNOTATION, p.lineKind);
    assertEquals(new JsonObject().put("kind", "annotation").put("ts", NOW).put("ref", 7L)
        .put("sentiment", new JsonObject().put("label", "negative").put("score", -0.8).put("confidence", 0.9).put("source", "model"))
        .put("new_escalations", new JsonArray().add("anger")), line(p));
    assertEquals(List.of("set", CallFields.SENTIMENT, "negative", "set", CallFields.SENTIMENT_SCORE, "-0.6", "set", CallFields.SENTIMENT_STATE, call.encode(),
        "set", CallFields.ESCALATION, "[\"anger\"]"), p.ops, "the call-level verdict, not the line's, colours the call");
    assertEquals("sentiment:7", p.eventId, "one annotation per line");
    assertEquals("", p.flags(), "a late annotation never revives an ended call");
  }

  @Test
  void anAgentsOwnSentimentWithoutCallStateSetsTheLineVerdict() {
    EventPlan p = plan(EventType.SENTIMENT, new JsonObject().put("seq", 3L).put("label", "positive").put("score", 0.7));
    assertEquals(List.of("set", CallFields.SENTIMENT, "positive", "set", CallFields.SENTIMENT_SCORE, "0.7"), p.ops);
    assertEquals(new JsonObject().put("label", "positive").put("score", 0.7).put("confidence", 1.0).put("source", "agent"), line(p).getJsonObject("sentiment"));
  }

  @Test
  void participantsAreASetWithALifecycleLine() {
    EventPlan joined = plan(EventType.PARTICIPANT, new JsonObject().put("action", "joined").put("identity", "cust-1"));
    assertEquals(List.of("add", CallFields.PARTICIPANTS, "cust-1"), joined.ops);
    assertEquals("participant_joined", line(joined).getString("event"));
    EventPlan left = plan(EventType.PARTICIPANT, new JsonObject().put("action", "left").put("identity", "cust-1"));
    assertEquals(List.of("rem", CallFields.PARTICIPANTS, "cust-1"), left.ops);
    assertEquals("participant_left", line(left).getString("event"));
    assertEquals("", left.flags(), "a participant event neither starts nor ends the call");
  }

  @Test
  void supervisorPresenceChangesSetsWhileActionsAreAudibleLines() {
    EventPlan view = plan(EventType.SUPERVISOR, new JsonObject().put("action", "view").put("by", "sam"));
    assertEquals(List.of("add", CallFields.VIEWERS, "sam"), view.ops);
    assertEquals("", view.lineJson, "watching is not a transcript event");
    assertEquals(List.of("rem", CallFields.VIEWERS, "sam"), plan(EventType.SUPERVISOR, new JsonObject().put("action", "unview").put("by", "sam")).ops);
    EventPlan unlisten = plan(EventType.SUPERVISOR, new JsonObject().put("action", "unlisten").put("by", "sam"));
    assertEquals(List.of("rem", CallFields.LISTENERS, "sam"), unlisten.ops);
    assertEquals("", unlisten.lineJson);

    EventPlan joined = plan(EventType.SUPERVISOR, new JsonObject().put("action", "audio_joined").put("by", "sam"));
    assertEquals(List.of("add", CallFields.LISTENERS, "sam"), joined.ops, "LiveKit saw the audio join: listening");
    assertEquals("", joined.lineJson, "no transcript line: control's listen already wrote one");
    EventPlan listen = plan(EventType.SUPERVISOR, new JsonObject().put("action", "listen").put("by", "sam"));
    assertEquals(List.of("add", CallFields.LISTENERS, "sam"), listen.ops);
    assertEquals(new JsonObject().put("kind", "supervisor").put("ts", NOW).put("action", "listen").put("by", "sam"), line(listen));

    assertEquals(List.of("set", CallFields.TAKEOVER_BY, "sam"), plan(EventType.SUPERVISOR, new JsonObject().put("action", "takeover").put("by", "sam")).ops);
    assertEquals(List.of("set", CallFields.TAKEOVER_BY, ""), plan(EventType.SUPERVISOR, new JsonObject().put("action", "handback").put("by", "sam")).ops);

    EventPlan guide = plan(EventType.SUPERVISOR, new JsonObject().put("action", "guide").put("by", "sam").put("text", "offer a refund").put("result", "delivered"));
    assertTrue(guide.ops.isEmpty(), "guidance changes no call field");
    assertEquals(new JsonObject().put("kind", "supervisor").put("ts", NOW).put("action", "guide").put("by", "sam").put("text", "offer a refund").put("result", "delivered"), line(guide));
  }

  @Test
  void aToolCallKeepsOnlyItsNameArgsResultAndDuration() {
    EventPlan p = plan(EventType.TOOL_CALL, new JsonObject().put("name", "lookup").put("args", new JsonObject().put("id", 4)).put("duration_ms", 12).put("secret_extra", "x"));
    assertEquals(new JsonObject().put("kind", "tool_call").put("ts", NOW).put("name", "lookup").put("args", new JsonObject().put("id", 4)).put("duration_ms", 12), line(p));
    assertEquals("", p.eventId, "no natural id: only an explicit event_id de-duplicates a tool call");
  }

  @Test
  void metricsAreStoredWithTheirTimestamp() {
    EventPlan p = plan(EventType.METRICS, null, 5, new JsonObject().put("ttft_ms", 320));
    assertEquals(List.of("set", CallFields.METRICS, new JsonObject().put("ttft_ms", 320).put("ts", 5L).encode()), p.ops);
    assertEquals("", p.lineJson);
  }

  @Test
  void debugEventsAreNeverPlannedForStorage() {
    assertThrows(IllegalArgumentException.class, () -> plan(EventType.DEBUG, new JsonObject().put("kind", "state")));
  }

  @Test
  void endReasonsAreMatchedIgnoringCaseAndBlanks() {
    for (String known : CallFields.END_REASONS) {
      assertEquals(known, EventPlanner.endReason("  " + known.toUpperCase(java.util.Locale.ROOT) + "\t"));
    }
    assertEquals(CallFields.END_REASON_UNKNOWN, EventPlanner.endReason("hung up"));
    assertEquals(CallFields.END_REASON_UNKNOWN, EventPlanner.endReason(""));
  }
}
