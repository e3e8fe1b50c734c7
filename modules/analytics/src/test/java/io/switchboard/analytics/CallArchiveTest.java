package io.switchboard.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.analytics.fixture.ArchiveMongo;
import io.switchboard.analytics.fixture.Bus;
import io.switchboard.analytics.fixture.CallFixture;
import io.switchboard.analytics.fixture.FixtureCall;
import io.switchboard.contract.Addresses;
import io.switchboard.contract.BusErrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class CallArchiveTest {
  private static final long T0 = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
  @RegisterExtension
  final ArchiveMongo archive = new ArchiveMongo();
  private MongoClient mongo;

  @BeforeEach
  void setUp(Vertx vertx) {
    mongo = archive.deployAnalytics(vertx);
  }

  @Test
  void sameCallDeliveredThreeTimesIsStoredOnce(Vertx vertx, VertxTestContext ctx) {
    FixtureCall call = CallFixture.call(1, T0, new Random(1), "sess-idem");
    List<Future<?>> deliveries = new ArrayList<>();
    // two at once (racing first inserts) and one after: still exactly one document
    deliveries.add(vertx.eventBus().request(Addresses.CALL_ENDED, call.body()));
    deliveries.add(vertx.eventBus().request(Addresses.CALL_ENDED, call.body()));
    Future.all(deliveries)
        .compose(v -> vertx.eventBus().<JsonObject>request(Addresses.CALL_ENDED, call.body()))
        .compose(reply -> {
          ctx.verify(() -> {
            assertEquals(true, reply.body().getBoolean("ok"));
            assertEquals("sess-idem", reply.body().getString("session_id"));
          });
          return mongo.find("calls", new JsonObject().put("session_id", "sess-idem"));
        })
        .onComplete(ctx.succeeding(docs -> ctx.verify(() -> {
          assertEquals(1, docs.size());
          JsonObject doc = docs.get(0);
          assertEquals(call.handleMs(), doc.getLong("handle_time_ms"));
          assertEquals(call.room(), doc.getString("room"));
          assertEquals(call.agent(), doc.getString("agent"));
          assertTrue(doc.getJsonObject("started_at").containsKey("$date"), "started_at is a Mongo date");
          JsonArray transcript = doc.getJsonArray("transcript");
          assertTrue(transcript.size() >= 2);
          ctx.completeNow();
        })));
  }

  @Test
  void indexesExistForTheKpiQueries(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().request(Addresses.CALL_ENDED, CallFixture.call(2, T0, new Random(2), "sess-ix").body())
        .compose(r -> mongo.listIndexes("calls"))
        .onComplete(ctx.succeeding(ix -> ctx.verify(() -> {
          List<String> names = ix.stream().map(o -> ((JsonObject) o).getString("name")).toList();
          assertTrue(names.containsAll(List.of("room_session", "session_id", "started_at", "agent_started_at", "language_started_at")),
              names.toString());
          assertTrue(!names.contains("session_id_unique"), "a session id is not unique across calls: " + names);
          ctx.completeNow();
        })));
  }

  @Test
  void badBodiesAreRejectedWith400(Vertx vertx) {
    List<JsonObject> bad = List.of(
        new JsonObject(),
        new JsonObject().put("room", "r1"),
        new JsonObject().put("session_id", "s1"),
        new JsonObject().put("session_id", 42).put("room", "r1"),
        new JsonObject().put("session_id", "s1").put("room", "r1").put("fields", "not an object"),
        new JsonObject().put("session_id", "s1").put("room", "r1").put("lines", new JsonObject()));
    for (JsonObject body : bad) {
      ReplyException e = Bus.failure(vertx, Addresses.CALL_ENDED, body);
      assertEquals(BusErrors.BAD_REQUEST, e.failureCode(), body.encode());
      assertTrue(e.getMessage().startsWith("invalid call.ended: "), e.getMessage());
    }
  }
}
