package io.switchboard.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.analytics.fixture.Bus;
import io.switchboard.analytics.fixture.CallFixture;
import io.switchboard.analytics.fixture.ExpectedKpis;
import io.switchboard.analytics.fixture.ExpectedKpis.Sums;
import io.switchboard.analytics.fixture.FixtureCall;
import io.switchboard.contract.Addresses;
import io.switchboard.contract.BusErrors;
import io.switchboard.testkit.TestMongo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * KPI correctness against 260 generated calls over 20 days, every bucket size, UTC and a zone with
 * a DST change inside the range (America/New_York, 2026-03-08), with agent and language filters.
 */
@ExtendWith(VertxExtension.class)
class KpiQueryTest {
  private static final Instant BASE = Instant.parse("2026-03-02T00:00:00Z"); // a Monday
  private static final Instant FROM = BASE.plus(Duration.ofHours(29)); // not bucket-aligned on purpose
  private static final Instant TO = BASE.plus(Duration.ofDays(17)).plus(Duration.ofHours(3));
  private static final Instant APRIL = Instant.parse("2026-03-31T00:00:00Z");
  private static TestMongo mongoServer;
  private static List<FixtureCall> calls;

  @BeforeAll
  static void load(Vertx vertx) {
    mongoServer = TestMongo.start();
    Bus.deploy(vertx, Bus.config(mongoServer.url()));
    calls = new ArrayList<>(CallFixture.generate(260, BASE.toEpochMilli(), Duration.ofDays(20).toMillis(), 42));
    // around Lord Howe's 30-minute DST change (2026-04-05), outside the main range
    calls.addAll(CallFixture.generate(80, APRIL.toEpochMilli(), Duration.ofDays(10).toMillis(), 43));
    // archived 20 at a time: the KPIs are under test here, not how a burst of 340 archives queues up
    // behind the embedded store on a loaded machine (its timeouts are tested elsewhere)
    for (int from = 0; from < calls.size(); from += 20) {
      List<Future<?>> acks = new ArrayList<>();
      for (FixtureCall c : calls.subList(from, Math.min(calls.size(), from + 20))) {
        acks.add(vertx.eventBus().request(Addresses.CALL_ENDED, c.body()));
      }
      Bus.await(Future.all(acks));
    }
  }

  @AfterAll
  static void stop() {
    mongoServer.close();
  }

  @Test
  void everyKpiMatchesPlainLoopsForEveryBucketZoneAndFilter(Vertx vertx) {
    String[][] filters = {{null, null}, {"agent-b", null}, {null, "ms"}, {"agent-c", "en"}};
    int checkedBuckets = 0;
    for (String bucket : List.of("hour", "day", "week")) {
      // UTC; a DST change inside the range; a half-hour offset (grouping shifted by 30 min)
      for (ZoneId tz : List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"))) {
        for (String[] f : filters) {
          checkedBuckets += check(vertx, FROM, TO, bucket, tz, f[0], f[1]);
        }
      }
    }
    assertTrue(checkedBuckets > 1500, "checked " + checkedBuckets);
  }

  @Test
  void aZoneWhoseSubHourOffsetChangesFallsBackToDateFormattingAndStaysExact(Vertx vertx) {
    ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe"); // +11:00 → +10:30 on 2026-04-05
    Instant from = APRIL.plus(Duration.ofHours(7));
    Instant to = APRIL.plus(Duration.ofDays(10));
    for (String bucket : List.of("hour", "day")) {
      check(vertx, from, to, bucket, lordHowe, null, null);
      check(vertx, from, to, bucket, lordHowe, null, "en");
    }
  }

  /** Queries once and compares totals and every bucket with the plain loops; the buckets checked. */
  private static int check(Vertx vertx, Instant from, Instant to, String bucket, ZoneId tz, String agent, String language) {
    JsonObject q = new JsonObject().put("v", 1).put("from", from.toString()).put("to", to.toEpochMilli())
        .put("bucket", bucket).put("tz", tz.getId()).put("agent", agent).put("language", language);
    JsonObject result = Bus.request(vertx, Addresses.ANALYTICS_QUERY, q);
    Map<String, Sums> expected = ExpectedKpis.compute(calls, from, to, bucket, tz, agent, language);
    String what = q.encode();
    assertTrue(expected.containsKey("") && expected.get("").calls > 3, "fixture too thin for " + what);
    assertStats(expected.get(""), result.getJsonObject("totals"), what + " totals");

    JsonArray buckets = result.getJsonArray("buckets");
    Set<String> seen = new HashSet<>();
    for (Object o : buckets) {
      JsonObject b = (JsonObject) o;
      Sums s = expected.getOrDefault(b.getString("key"), new Sums());
      assertStats(s, b, what + " bucket " + b.getString("key"));
      assertTrue(seen.add(b.getString("key")), "duplicate bucket " + b.getString("key"));
    }
    for (String key : expected.keySet()) {
      assertTrue(key.isEmpty() || seen.contains(key), "missing bucket " + key + " in " + what);
    }
    assertBucketsInOrder(buckets);
    return buckets.size();
  }

  @Test
  void emptyBucketsAreListedWithZeroCallsAndNullAverages(Vertx vertx) {
    JsonObject q = new JsonObject().put("from", "2025-01-06T00:00:00Z").put("to", "2025-01-20T00:00:00Z").put("bucket", "week");
    JsonObject result = Bus.request(vertx, Addresses.ANALYTICS_QUERY, q);
    JsonArray buckets = result.getJsonArray("buckets");
    assertEquals(List.of("2025-01-06", "2025-01-13"), buckets.stream().map(o -> ((JsonObject) o).getString("key")).toList());
    assertEquals(0L, result.getJsonObject("totals").getLong("calls"));
    assertNull(result.getJsonObject("totals").getValue("aht_ms"));
    assertEquals("2025-01-06T00:00:00Z", buckets.getJsonObject(0).getString("start"));
    assertEquals(1, result.getInteger("v"));
  }

  @Test
  void invalidQueriesFailWith400AndSayWhy(Vertx vertx) {
    Object[][] cases = {
      {new JsonObject(), "from and to are required"},
      {new JsonObject().put("from", "yesterday").put("to", "2026-03-02T00:00:00Z"), "from: expected ISO-8601"},
      {new JsonObject().put("from", "2026-03-02T00:00:00Z").put("to", "2026-03-01T00:00:00Z"), "from must be before to"},
      {new JsonObject().put("from", 0).put("to", 1000).put("bucket", "month"), "bucket: expected one of hour|day|week"},
      {new JsonObject().put("from", 0).put("to", 1000).put("tz", "Mars/Olympus"), "tz: unknown time zone"},
      {new JsonObject().put("from", "2026-01-01T00:00:00Z").put("to", "2026-03-01T00:00:00Z").put("bucket", "hour"),
          "range too long for bucket hour"},
      {new JsonObject().put("from", 0).put("to", 1000).put("agent", 7), "agent: expected a string"},
      {new JsonObject().put("v", 99).put("from", 0).put("to", 1000), "unsupported schema version"},
    };
    for (Object[] c : cases) {
      ReplyException e = Bus.failure(vertx, Addresses.ANALYTICS_QUERY, (JsonObject) c[0]);
      assertEquals(BusErrors.BAD_REQUEST, e.failureCode(), e.getMessage());
      assertTrue(e.getMessage().contains((String) c[1]), e.getMessage() + " should contain " + c[1]);
    }
  }

  private static void assertStats(Sums s, JsonObject actual, String what) {
    assertEquals(s.calls, actual.getLong("calls"), what + " calls");
    if (s.calls == 0) {
      assertNull(actual.getValue("aht_ms"), what);
      assertNull(actual.getValue("completion_rate"), what);
      return;
    }
    near((double) s.handle / s.calls, actual.getValue("aht_ms"), what + " aht");
    near((double) s.talk / s.calls, actual.getValue("att_ms"), what + " att");
    near((double) s.completed / s.calls, actual.getValue("completion_rate"), what + " completion");
    near((double) s.transferred / s.calls, actual.getValue("transfer_rate"), what + " transfer");
    near((double) s.tookOver / s.calls, actual.getValue("takeover_rate"), what + " takeover");
    near((double) s.escalated / s.calls, actual.getValue("escalation_rate"), what + " escalation");
    assertEquals(s.scored, ((Number) actual.getValue("sentiment_scored")).longValue(), what + " scored");
    if (s.scored > 0) {
      near(s.scoreSum / s.scored, actual.getValue("sentiment_avg"), what + " sentiment");
    }
    JsonObject labels = actual.getJsonObject("sentiment_labels");
    for (String l : List.of("negative", "neutral", "positive", "unknown")) {
      assertEquals(s.labels.getOrDefault(l, 0L), labels.getLong(l), what + " label " + l);
    }
    JsonObject reasons = actual.getJsonObject("end_reasons");
    reasons.forEach(e -> assertEquals(s.reasons.getOrDefault(e.getKey(), 0L), ((Number) e.getValue()).longValue(),
        what + " reason " + e.getKey()));
    long[] hours = actual.getJsonArray("calls_by_hour").stream().mapToLong(o -> ((Number) o).longValue()).toArray();
    assertEquals(Arrays.toString(s.byHour), Arrays.toString(hours), what + " busiest hours");
  }

  private static void near(double expected, Object actual, String what) {
    double a = ((Number) actual).doubleValue();
    assertTrue(Math.abs(expected - a) <= 1e-6 * Math.max(1, Math.abs(expected)), what + ": expected " + expected + " got " + a);
  }

  private static void assertBucketsInOrder(JsonArray buckets) {
    Instant prev = Instant.MIN;
    for (Object o : buckets) {
      Instant start = Instant.parse(((JsonObject) o).getString("start"));
      assertTrue(start.isAfter(prev), "bucket starts increase");
      prev = start;
    }
  }
}
