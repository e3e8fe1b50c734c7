package io.switchboard.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.analytics.fixture.Bus;
import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.ArchivedCall;
import io.switchboard.testkit.TestMongo;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A call archived with {@code fields.demo} keeps the mark in its document, and KPIs count such calls. */
@ExtendWith(VertxExtension.class)
class DemoMarkTest {
  private static final long T0 = Instant.parse("2026-11-30T10:00:00Z").toEpochMilli();
  private static TestMongo mongoServer;

  @BeforeAll
  static void start(Vertx vertx) {
    mongoServer = TestMongo.start();
    Bus.deploy(vertx, Bus.config(mongoServer.url()));
  }

  @AfterAll
  static void stop() {
    mongoServer.close();
  }

  private static JsonObject call(String session, long start, Boolean demo) {
    JsonObject fields = new JsonObject().put("started_at", start).put("ended_at", start + 60_000).put("end_reason", "completed");
    if (demo != null) {
      fields.put("demo", demo);
    }
    JsonArray lines = new JsonArray().add(new JsonObject().put("seq", 1).put("kind", "transcript").put("role", "user")
        .put("text", "hello there").put("ts", start + 5_000));
    return new ArchivedCall("room-" + session, session, fields, lines).toJson();
  }

  @Test
  void demoCallsAreMarkedAndCounted(Vertx vertx) {
    Bus.request(vertx, Addresses.CALL_ENDED, call("d-1", T0, true));
    Bus.request(vertx, Addresses.CALL_ENDED, call("d-2", T0 + 3_600_000, true));
    Bus.request(vertx, Addresses.CALL_ENDED, call("real-1", T0 + 7_200_000, null));

    MongoClient mongo = Bus.mongoClient(vertx, mongoServer.url());
    try {
      assertEquals(Boolean.TRUE, Bus.await(mongo.findOne("calls", new JsonObject().put("session_id", "d-1"), null)).getValue("demo"));
      assertEquals(Boolean.FALSE, Bus.await(mongo.findOne("calls", new JsonObject().put("session_id", "real-1"), null)).getValue("demo"));
    } finally {
      mongo.close();
    }

    JsonObject result = Bus.request(vertx, Addresses.ANALYTICS_QUERY, new JsonObject().put("v", 1)
        .put("from", T0 - 3_600_000).put("to", T0 + 86_400_000).put("bucket", "hour").put("tz", "UTC"));
    assertEquals(3L, result.getJsonObject("totals").getLong("calls"));
    assertEquals(2L, result.getJsonObject("totals").getLong("demo_calls"));
    long demoInBuckets = result.getJsonArray("buckets").stream().mapToLong(b -> ((JsonObject) b).getLong("demo_calls")).sum();
    assertEquals(2L, demoInBuckets);
  }
}
