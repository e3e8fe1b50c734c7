package io.switchboard.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.analytics.fixture.ArchiveMongo;
import io.switchboard.analytics.fixture.Bus;
import io.switchboard.analytics.fixture.CallFixture;
import io.switchboard.analytics.fixture.FixtureCall;
import io.switchboard.contract.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Archive identity is the call, not the agent's session id: agents restart their counters, so
 * different calls reuse one session id, and each must stay its own archived document.
 */
@ExtendWith(VertxExtension.class)
class CallIdentityTest {
  private static final long T0 = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
  @RegisterExtension
  final ArchiveMongo archive = new ArchiveMongo();
  private MongoClient mongo;

  /** An archive written by the previous version: one old document and its unique session index. */
  @BeforeEach
  void setUp(Vertx vertx) {
    mongo = archive.client(vertx);
    Bus.await(mongo.createIndexWithOptions("calls", new JsonObject().put("session_id", 1),
        new IndexOptions().unique(true).name("session_id_unique")));
    Bus.await(mongo.insert("calls", new JsonObject().put("_id", "legacy-1").put("session_id", "legacy-1").put("room", "old")));
    archive.deployAnalytics(vertx);
  }

  @Test
  void threeCallsInThreeRoomsReusingOneSessionIdAreThreeCallsAndRedeliveryAddsNone(Vertx vertx) {
    List<FixtureCall> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(CallFixture.call(i, T0 + i * 60_000L, new Random(i), "session-1"));
    }
    for (int round = 0; round < 2; round++) { // the second round is the archiver's redelivery
      for (FixtureCall c : calls) {
        JsonObject ack = Bus.request(vertx, Addresses.CALL_ENDED, c.body());
        assertEquals(true, ack.getBoolean("ok"));
      }
    }
    List<JsonObject> docs = Bus.await(mongo.find("calls", new JsonObject().put("session_id", "session-1")));
    assertEquals(Set.of("room-0", "room-1", "room-2"),
        docs.stream().map(d -> d.getString("room")).collect(Collectors.toSet()));
    assertEquals(3, docs.size());

    JsonObject kpis = Bus.request(vertx, Addresses.ANALYTICS_QUERY, new JsonObject()
        .put("from", T0 - 3_600_000L).put("to", T0 + 3_600_000L).put("bucket", "hour"));
    assertEquals(3L, kpis.getJsonObject("totals").getLong("calls"));
    assertEquals(4L, Bus.await(mongo.count("calls", new JsonObject())), "the legacy document is kept");
  }

  @Test
  void oneRoomReusingASessionIdForALaterCallIsTwoCalls(Vertx vertx) {
    // the ended-session marker expires after a day: the same room and session id may come back
    FixtureCall first = CallFixture.call(7, T0, new Random(7), "session-9");
    FixtureCall later = CallFixture.call(7, T0 + 2 * 86_400_000L, new Random(8), "session-9");
    Bus.request(vertx, Addresses.CALL_ENDED, first.body());
    Bus.request(vertx, Addresses.CALL_ENDED, later.body());
    Bus.request(vertx, Addresses.CALL_ENDED, first.body());
    List<JsonObject> docs = Bus.await(mongo.find("calls", new JsonObject().put("room", "room-7")));
    assertEquals(2, docs.size());
  }
}
