package io.switchboard.analytics.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.switchboard.contract.analytics.KpiQuery;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class HourGroupingTest {
  private static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant MAY = Instant.parse("2026-05-01T00:00:00Z");

  @Test
  void subHourShiftIsConstantForAlmostEveryZone() {
    assertEquals(0L, HourGrouping.subHourShift(ZoneId.of("UTC"), MAR, MAY));
    assertEquals(0L, HourGrouping.subHourShift(ZoneId.of("America/New_York"), MAR, MAY)); // across DST
    assertEquals(1_800_000L, HourGrouping.subHourShift(ZoneId.of("Asia/Kolkata"), MAR, MAY));
    assertEquals(2_700_000L, HourGrouping.subHourShift(ZoneId.of("Asia/Kathmandu"), MAR, MAY));
    assertEquals(0L, HourGrouping.subHourShift(ZoneId.of("-03:00"), MAR, MAY));
    assertNull(HourGrouping.subHourShift(ZoneId.of("Australia/Lord_Howe"), MAR, MAY)); // 30-min DST
  }

  @Test
  void groupsMapBackToLocalHours() {
    HourGrouping kolkata = HourGrouping.of(query("Asia/Kolkata"));
    // 10:30Z floored in the shifted space is 10:30Z → 16:00 local
    long id = Instant.parse("2026-03-02T11:00:00Z").toEpochMilli(); // = utc 10:30 + 30 min shift
    assertEquals(LocalDateTime.parse("2026-03-02T16:00"), kolkata.localHour(id));
    HourGrouping lordHowe = HourGrouping.of(new KpiQuery(MAR, MAY, null, null, null, ZoneId.of("Australia/Lord_Howe")));
    assertEquals(LocalDateTime.parse("2026-04-05T01:00"), lordHowe.localHour("2026-04-05T01"));
    assertEquals("+00:00", HourGrouping.mongoZone(ZoneId.of("Z")));
    assertEquals("+08:00", HourGrouping.mongoZone(ZoneId.of("UTC+8")));
  }

  private static KpiQuery query(String tz) {
    return KpiQuery.fromJson(new JsonObject().put("from", "2026-03-01T00:00:00Z").put("to", "2026-03-10T00:00:00Z").put("tz", tz));
  }
}
