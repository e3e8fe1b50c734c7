package io.switchboard.contract.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyticsRecordsTest {

  @Test
  void kpiQueryAcceptsIsoOffsetsAndEpochMillisWithDefaults() {
    KpiQuery q = KpiQuery.fromJson(new JsonObject().put("from", "2026-03-02T08:00:00+08:00").put("to", 1772438400000L));
    assertEquals(Instant.parse("2026-03-02T00:00:00Z"), q.from());
    assertEquals(Instant.ofEpochMilli(1772438400000L), q.to());
    assertEquals(KpiBucket.DAY, q.bucket());
    assertEquals(ZoneId.of("UTC"), q.tz());
    assertNull(q.agent());
    assertEquals(q, KpiQuery.fromJson(q.toJson()));
  }

  @Test
  void kpiQueryRejectsWithMessagesNamingTheField() {
    assertTrue(message(new JsonObject().put("from", "x").put("to", 1)).startsWith("from:"));
    assertTrue(message(new JsonObject().put("from", 0).put("to", 1).put("bucket", "year")).startsWith("bucket:"));
    assertTrue(message(new JsonObject().put("from", 0).put("to", 1).put("tz", "Nowhere/Land")).startsWith("tz:"));
    assertTrue(message(new JsonObject().put("from", -5).put("to", 1)).startsWith("from:"));
    assertTrue(message(new JsonObject().put("from", 0).put("to", 1).put("language", "x".repeat(201))).startsWith("language:"));
  }

  @Test
  void kpiResultRoundTrips() {
    KpiStats s = new KpiStats(3, 1000.0, 500.0, 0.5, 0.25, null, 0.0, -0.2, 2, Map.of("negative", 1L), Map.of("completed", 2L),
        List.of(0L, 1L), 1);
    KpiQuery q = KpiQuery.fromJson(new JsonObject().put("from", 0).put("to", 3_600_000).put("bucket", "hour"));
    KpiResult r = new KpiResult(q, s, List.of(new KpiBucketStats("1970-01-01T00:00", Instant.EPOCH, s)));
    assertEquals(r, KpiResult.fromJson(r.toJson()));
    assertEquals(1, r.toJson().getInteger("v"));
  }

  @Test
  void auditRecordAndQueryValidate() {
    AuditRecord r = AuditRecord.fromJson(new JsonObject().put("who", "alice").put("action", "guide").put("result", "failed")
        .put("message", "agent gone").put("latency_ms", 12).put("at", 1000), Instant.EPOCH);
    assertEquals(false, r.ok());
    assertEquals(Instant.ofEpochMilli(1000), r.at());
    assertEquals(r, AuditRecord.fromJson(r.toJson()));
    assertThrows(IllegalArgumentException.class, () -> AuditRecord.fromJson(new JsonObject().put("action", "x")));
    assertThrows(IllegalArgumentException.class, () -> AuditRecord.fromJson(new JsonObject().put("who", "a").put("action", "x").put("args", "str")));

    AuditQuery q = AuditQuery.fromJson(new JsonObject());
    assertEquals(1, q.page());
    assertEquals(AuditQuery.DEFAULT_SIZE, q.size());
    assertEquals(100, AuditQuery.fromJson(new JsonObject().put("page", 3).put("size", 50)).skip());
    assertThrows(IllegalArgumentException.class, () -> AuditQuery.fromJson(new JsonObject().put("size", 201)));
    assertThrows(IllegalArgumentException.class, () -> AuditQuery.fromJson(new JsonObject().put("size", 1.5)));
  }

  private static String message(JsonObject body) {
    return assertThrows(IllegalArgumentException.class, () -> KpiQuery.fromJson(body)).getMessage();
  }
}
