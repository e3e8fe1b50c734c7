package io.switchboard.analytics;

import static io.switchboard.testkit.Eventually.eventually;
import static io.switchboard.testkit.Eventually.eventuallyGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.analytics.fixture.Bus;
import io.switchboard.analytics.fixture.CallFixture;
import io.switchboard.analytics.fixture.FixtureCall;
import io.switchboard.contract.Addresses;
import io.switchboard.contract.BusErrors;
import io.switchboard.contract.VerticleName;
import io.switchboard.contract.health.HealthReply;
import io.switchboard.testkit.FreePort;
import io.switchboard.testkit.TestMongo;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MongoDB goes away: archive and queries fail fast with 503 (the sender retries), health says
 * DOWN; MongoDB comes back on the same port: the retried archive succeeds, nothing is lost.
 */
@ExtendWith(VertxExtension.class)
class MongoOutageTest {
  private static final long T0 = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
  private TestMongo mongoServer;

  @AfterEach
  void tearDown() {
    if (mongoServer != null) {
      mongoServer.close();
    }
  }

  @Test
  void failsFastWhileDownAndTheRetryLandsAfterRestart(Vertx vertx) throws Exception {
    mongoServer = TestMongo.start();
    int port = mongoServer.port();
    Bus.deploy(vertx, Bus.config(mongoServer.url()));
    assertEquals(true, Bus.request(vertx, Addresses.CALL_ENDED, CallFixture.call(0, T0, new Random(0), "before").body()).getBoolean("ok"));
    assertTrue(health(vertx).up());

    mongoServer.close();
    FixtureCall call = CallFixture.call(1, T0, new Random(1), "during-outage");

    long t0 = System.nanoTime();
    ReplyException archiveFailure = Bus.failure(vertx, Addresses.CALL_ENDED, call.body());
    long archiveMs = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(BusErrors.UNAVAILABLE, archiveFailure.failureCode(), archiveFailure.getMessage());
    assertTrue(archiveFailure.getMessage().startsWith("archive unavailable: "), archiveFailure.getMessage());
    assertTrue(archiveMs < 5_000, "failed after " + archiveMs + " ms, expected a quick 503");

    HealthReply down = health(vertx);
    assertEquals(false, down.up());
    assertEquals("DOWN", down.details().getString("mongo"));

    ReplyException queryFailure = Bus.failure(vertx, Addresses.ANALYTICS_QUERY,
        new JsonObject().put("from", "2026-03-01T00:00:00Z").put("to", "2026-03-03T00:00:00Z"));
    assertEquals(BusErrors.UNAVAILABLE, queryFailure.failureCode());
    assertTrue(queryFailure.getMessage().startsWith("analytics unavailable: "), queryFailure.getMessage());

    ReplyException auditFailure = Bus.failure(vertx, Addresses.AUDIT_RECORD, new JsonObject().put("who", "a").put("action", "end"));
    assertEquals(BusErrors.UNAVAILABLE, auditFailure.failureCode());

    mongoServer = TestMongo.startOn(port);
    // what ingest does: retry until acknowledged
    JsonObject ack = eventuallyGet("the archive retry succeeds after the restart", Duration.ofSeconds(20), () -> acknowledged(vertx, call.body()));
    assertTrue(ack != null && ack.getBoolean("ok"), "archive retry never succeeded after restart");
    assertTrue(health(vertx).up());

    MongoClient check = Bus.mongoClient(vertx, mongoServer.url());
    try {
      assertEquals(1L, Bus.await(check.count("calls", new JsonObject().put("session_id", "during-outage"))));
    } finally {
      check.close();
    }
  }

  @Test
  void startsWithoutMongoAndCatchesUpWhenItAppears(Vertx vertx) throws Exception {
    int port = FreePort.get();
    long t0 = System.nanoTime();
    Bus.deploy(vertx, Bus.config("mongodb://127.0.0.1:" + port));
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 10_000, "deploy must not hang on a dead database");
    assertEquals(false, health(vertx).up());
    assertEquals(BusErrors.UNAVAILABLE,
        Bus.failure(vertx, Addresses.CALL_ENDED, CallFixture.call(1, T0, new Random(1), "late").body()).failureCode());

    mongoServer = TestMongo.startOn(port);
    JsonObject ack = eventuallyGet("the archive accepts calls once Mongo appears", Duration.ofSeconds(20),
        () -> acknowledged(vertx, CallFixture.call(1, T0, new Random(1), "late").body()));
    assertTrue(ack != null && ack.getBoolean("ok"));
    // indexes are created by the background retry once the database answers
    eventually("the background retry creates the indexes", Duration.ofSeconds(15),
        () -> assertEquals("ready", health(vertx).details().getString("indexes")));
  }

  /** What ingest does: one archive attempt; null while the archive refuses it. */
  private static JsonObject acknowledged(Vertx vertx, JsonObject call) {
    try {
      return Bus.request(vertx, Addresses.CALL_ENDED, call);
    } catch (AssertionError refused) {
      return null;
    }
  }

  private static HealthReply health(Vertx vertx) {
    return HealthReply.fromJson(Bus.request(vertx, Addresses.health(VerticleName.ANALYTICS), new JsonObject()));
  }
}
