package io.switchboard.analytics.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.analytics.fixture.CallFixture;
import io.switchboard.analytics.fixture.FixtureCall;
import io.switchboard.contract.live.ArchivedCall;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveDocumentTest {
  private static final long T0 = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();

  @Test
  void derivesKpiFieldsMatchingTheGeneratedFacts() {
    for (FixtureCall c : CallFixture.generate(300, T0, 86_400_000L, 7)) {
      JsonObject doc = ArchiveDocument.of(ArchiveDocument.parse(c.body()), T0);
      assertEquals(c.room() + "|" + c.sessionId() + "|" + c.startedMs(), doc.getString("_id"));
      assertEquals(doc.getString("_id"), doc.getString("call_id"));
      assertEquals(c.sessionId(), doc.getString("session_id"));
      assertEquals(c.handleMs(), doc.getLong("handle_time_ms"), c.sessionId());
      assertEquals(c.talkMs(), doc.getLong("talk_time_ms"), c.sessionId());
      assertEquals(c.expectedReason(), doc.getString("end_reason"), c.sessionId());
      assertEquals(c.tookOver(), doc.getBoolean("took_over"), c.sessionId());
      assertEquals(c.escalated(), doc.getBoolean("escalated"), c.sessionId());
      assertEquals(c.sentimentLabel(), doc.getString("sentiment"), c.sessionId());
      assertEquals(c.sentimentScore(), doc.getDouble("sentiment_score"), c.sessionId());
      assertEquals(Instant.ofEpochMilli(c.startedMs()).toString(), doc.getJsonObject("started_at").getString("$date"));
    }
  }

  @Test
  void takeoverLastsUntilHandbackOrCallEnd() {
    JsonArray lines = new JsonArray()
        .add(sup(1, "takeover", "alice", T0 + 1_000))
        .add(sup(2, "handback", "alice", T0 + 4_000))
        .add(sup(3, "guide", "bob", T0 + 5_000).put("text", "offer a refund"))
        .add(sup(4, "takeover", "bob", T0 + 6_000));
    JsonObject fields = new JsonObject().put("started_at", T0).put("ended_at", T0 + 10_000).put("end_reason", "completed");
    JsonObject doc = ArchiveDocument.of(new ArchivedCall("r1", "s1", fields, lines), T0);
    JsonArray takeovers = doc.getJsonArray("takeovers");
    assertEquals(2, takeovers.size());
    assertEquals("alice", takeovers.getJsonObject(0).getString("by"));
    assertEquals(3_000L, takeovers.getJsonObject(0).getLong("duration_ms"));
    assertEquals(4_000L, takeovers.getJsonObject(1).getLong("duration_ms"));
    assertEquals(1, doc.getInteger("guides_count"));
    assertEquals("offer a refund", doc.getJsonArray("guides").getJsonObject(0).getString("text"));
  }

  @Test
  void ruleFiringsAndTagsAreArchivedWithTheTriggeringLinesSeq() {
    JsonArray lines = new JsonArray()
        .add(new JsonObject().put("seq", 1).put("kind", "transcript").put("role", "user").put("text", "i was double charged").put("ts", T0 + 1_000))
        .add(new JsonObject().put("seq", 2).put("kind", "rule").put("ref", 1).put("rule_id", "billing").put("rule_name", "Billing")
            .put("severity", "high").put("message", "billing dispute").put("tags", new JsonArray().add("billing")).put("ts", T0 + 1_050));
    JsonObject fields = new JsonObject().put("started_at", T0).put("ended_at", T0 + 10_000).put("tags", "[\"billing\",\"vip\"]");
    JsonObject doc = ArchiveDocument.of(new ArchivedCall("r1", "s1", fields, lines), T0);
    JsonArray firings = doc.getJsonArray("rule_firings");
    assertEquals(1, firings.size());
    assertEquals("billing", firings.getJsonObject(0).getString("rule_id"));
    assertEquals(1L, firings.getJsonObject(0).getLong("seq"));
    assertEquals("billing dispute", firings.getJsonObject(0).getString("message"));
    assertEquals("Billing", firings.getJsonObject(0).getString("name"));
    assertEquals(new JsonArray().add("billing").add("vip"), doc.getJsonArray("tags"));
  }

  @Test
  void talkTimeCapsSilenceAndEstimatesWithoutTimestamps() {
    List<JsonObject> transcript = List.of(
        new JsonObject().put("ts", T0 + 60_000).put("text", "one two three"), // 60 s gap, 3 words → 3 s
        new JsonObject().put("ts", T0 + 62_000).put("text", "a b c d e f g h i j"), // 2 s gap → 2 s
        new JsonObject().put("text", "five words without a timestamp")); // 5 × 400 ms
    assertEquals(3_000 + 2_000 + 2_000, TalkTime.of(transcript, T0));
  }

  @Test
  void ghostCleanedUnlessASupervisorEndedIt() {
    assertEquals("ghost_cleaned", EndReason.normalise("room_finished", false));
    assertEquals("ghost_cleaned", EndReason.normalise("reconciled", false));
    assertEquals("ended_by_supervisor", EndReason.normalise("room_finished", true));
    assertEquals("unknown", EndReason.normalise("weird", false));
  }

  @Test
  void missingStartFallsBackToFirstLineAndHandleTimeIsNeverNegative() {
    JsonArray lines = new JsonArray().add(new JsonObject().put("seq", 1).put("kind", "lifecycle").put("ts", T0 + 500));
    JsonObject doc = ArchiveDocument.of(new ArchivedCall("r", "s", new JsonObject().put("ended_at", T0), lines), T0);
    assertEquals(0L, doc.getLong("handle_time_ms"));
    assertFalse(doc.getBoolean("took_over"));
    assertTrue(doc.getJsonArray("transcript").isEmpty());
  }

  @Test
  void rejectsBodiesWithoutIdentity() {
    assertThrows(IllegalArgumentException.class, () -> ArchiveDocument.parse(new JsonObject().put("room", "r")));
    assertThrows(IllegalArgumentException.class, () -> ArchiveDocument.parse(new JsonObject().put("session_id", "s")));
    assertThrows(IllegalArgumentException.class,
        () -> ArchiveDocument.parse(new JsonObject().put("session_id", "s").put("room", "r").put("lines", "nope")));
  }

  private static JsonObject sup(long seq, String action, String by, long ts) {
    return new JsonObject().put("seq", seq).put("kind", "supervisor").put("action", action).put("by", by).put("ts", ts);
  }
}
