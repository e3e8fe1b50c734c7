package io.switchboard.analytics;

import static io.switchboard.testkit.Eventually.eventuallyGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.analytics.fixture.Bus;
import io.switchboard.analytics.fixture.CallFixture;
import io.switchboard.analytics.fixture.FixtureCall;
import io.switchboard.contract.Addresses;
import io.switchboard.testkit.TestMongo;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Transcripts of calls older than retention.transcript.days disappear; their KPI fields stay. */
@ExtendWith(VertxExtension.class)
class RetentionTest {
  private TestMongo mongoServer;

  @AfterEach
  void tearDown() {
    mongoServer.close();
  }

  @Test
  void periodicJobDropsOldTranscriptsAndKeepsKpis(Vertx vertx) throws Exception {
    mongoServer = TestMongo.start();
    Bus.deploy(vertx, Bus.config(mongoServer.url()).put("retention.transcript.days", 30).put("retention.period.ms", 200));
    Instant now = Instant.now();
    FixtureCall old = CallFixture.call(1, now.minus(Duration.ofDays(40)).toEpochMilli(), new Random(1), "old");
    FixtureCall edge = CallFixture.call(2, now.minus(Duration.ofDays(29)).toEpochMilli(), new Random(2), "recent-enough");
    FixtureCall fresh = CallFixture.call(3, now.minus(Duration.ofHours(2)).toEpochMilli(), new Random(3), "fresh");
    for (FixtureCall c : List.of(old, edge, fresh)) {
      Bus.request(vertx, Addresses.CALL_ENDED, c.body());
    }

    MongoClient mongo = Bus.mongoClient(vertx, mongoServer.url());
    try {
      JsonObject purged = eventuallyGet("the periodic job purges the old transcript", Duration.ofSeconds(10), () -> {
        JsonObject doc = Bus.await(mongo.findOne("calls", new JsonObject().put("session_id", "old"), null));
        return doc.containsKey("transcript") ? null : doc;
      });
      assertFalse(purged.containsKey("transcript"), "old transcript still there");
      assertTrue(purged.containsKey("transcript_purged_at"));
      assertEquals(old.handleMs(), purged.getLong("handle_time_ms"));
      assertEquals(old.talkMs(), purged.getLong("talk_time_ms"));
      assertEquals(old.expectedReason(), purged.getString("end_reason"));

      for (String id : List.of("recent-enough", "fresh")) {
        JsonObject kept = Bus.await(mongo.findOne("calls", new JsonObject().put("session_id", id), null));
        assertTrue(kept.getJsonArray("transcript").size() >= 2, id + " lost its transcript");
      }
    } finally {
      mongo.close();
    }

    // the purged call still counts in KPIs
    JsonObject kpis = Bus.request(vertx, Addresses.ANALYTICS_QUERY, new JsonObject()
        .put("from", now.minus(Duration.ofDays(41)).toString()).put("to", now.plus(Duration.ofHours(1)).toString()).put("bucket", "week"));
    assertEquals(3L, kpis.getJsonObject("totals").getLong("calls"));
    double aht = kpis.getJsonObject("totals").getDouble("aht_ms");
    assertEquals((old.handleMs() + edge.handleMs() + fresh.handleMs()) / 3.0, aht, 1e-6);
  }
}
