package io.switchboard.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.analytics.archive.RetentionJob;
import io.switchboard.analytics.fixture.ArchiveMongo;
import io.switchboard.analytics.fixture.Bus;
import io.switchboard.analytics.mongo.MongoAccess;
import io.switchboard.analytics.search.SearchBackfill;
import io.switchboard.contract.Addresses;
import io.switchboard.contract.BusErrors;
import io.switchboard.testkit.ArchiveCorpus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** archive.search / archive.call on the bus over the embedded server: review, legacy calls, retention, refusals. */
@ExtendWith(VertxExtension.class)
class ArchiveSearchTest {
  private static final long T0 = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();
  @RegisterExtension
  final ArchiveMongo archive = new ArchiveMongo();
  private MongoClient mongo;
  private List<ArchiveCorpus.Call> calls;

  @BeforeEach
  void setUp(Vertx vertx) {
    mongo = archive.deployAnalytics(vertx);
    calls = ArchiveCorpus.generate(ArchiveCorpus.RARE_EVERY + 3, T0, 3_600_000L, 5);
    // in batches of 20: a burst of 100 waits behind the embedded store past the 2 s bound on a loaded machine
    for (int i = 0; i < calls.size(); i += 20) {
      List<Future<?>> sent = new ArrayList<>();
      calls.subList(i, Math.min(calls.size(), i + 20)).forEach(c -> sent.add(vertx.eventBus().request(Addresses.CALL_ENDED, c.body())));
      Bus.await(Future.all(sent));
    }
  }

  private static JsonObject search(Vertx vertx, JsonObject q) {
    return Bus.request(vertx, Addresses.ARCHIVE_SEARCH, q);
  }

  @Test
  void anArchivedCallComesWithTheAuditRecordsOfItsRoomSessionAndTime(Vertx vertx) {
    ArchiveCorpus.Call c = calls.get(0);
    ArchiveCorpus.Call other = calls.get(1);
    JsonObject during = new JsonObject().put("who", "sam").put("role", "supervisor").put("action", "guide").put("room", c.room())
        .put("session_id", c.sessionId()).put("args", new JsonObject().put("text", "offer a voucher")).put("result", "ok")
        .put("at", Instant.ofEpochMilli(c.startedMs() + 5_000).toString());
    Bus.request(vertx, Addresses.AUDIT_RECORD, during);
    // same room and session, long after the call (a later call reusing the session id): not this call's
    Bus.request(vertx, Addresses.AUDIT_RECORD, during.copy().put("action", "end").put("at", Instant.ofEpochMilli(c.endedMs() + 3_600_000).toString()));
    Bus.request(vertx, Addresses.AUDIT_RECORD, during.copy().put("room", other.room()).put("session_id", other.sessionId()));

    JsonObject r = Bus.request(vertx, Addresses.ARCHIVE_CALL, new JsonObject().put("call_id", c.callId()));
    JsonArray audit = r.getJsonArray("audit");
    assertEquals(1, audit.size(), audit.encode());
    assertEquals("guide", audit.getJsonObject(0).getString("action"));
    assertTrue(audit.getJsonObject(0).getValue("at") instanceof String, "dates as ISO text");
    assertEquals(c.room(), r.getJsonObject("call").getString("room"));
    assertFalse(r.getJsonObject("call").containsKey("search_words"));

    ReplyException missing = Bus.failure(vertx, Addresses.ARCHIVE_CALL, new JsonObject().put("call_id", "none|x|1"));
    assertEquals(BusErrors.NOT_FOUND, missing.failureCode());
    assertEquals(BusErrors.BAD_REQUEST, Bus.failure(vertx, Addresses.ARCHIVE_CALL, new JsonObject()).failureCode());
  }

  @Test
  void callsArchivedBeforeSearchGetTheirWordsFromTheBackfill(Vertx vertx) {
    ArchiveCorpus.Call c = calls.get(0);
    assertEquals(2, search(vertx, new JsonObject().put("q", ArchiveCorpus.RARE)).getJsonArray("items").size());
    Bus.await(mongo.updateCollectionWithOptions("calls", new JsonObject().put("_id", c.callId()),
        new JsonObject().put("$unset", new JsonObject().put("search_words", "")), new UpdateOptions()));
    assertEquals(1, search(vertx, new JsonObject().put("q", ArchiveCorpus.RARE)).getJsonArray("items").size(), "legacy call not found yet");

    int added = Bus.await(new SearchBackfill(mongo, new MongoAccess(2_000)).run());
    assertEquals(1, added);
    JsonArray items = search(vertx, new JsonObject().put("q", ArchiveCorpus.RARE)).getJsonArray("items");
    assertEquals(2, items.size());
    assertEquals(0, (int) Bus.await(new SearchBackfill(mongo, new MongoAccess(2_000)).run()), "nothing left to do");
  }

  @Test
  void retentionDropsTheWordsWithTheTranscript(Vertx vertx) {
    RetentionJob job = new RetentionJob(vertx, mongo, new MongoAccess(2_000), 1, 3_600_000L);
    long purged = Bus.await(job.purge(Instant.ofEpochMilli(T0).plusSeconds(30L * 86_400)));
    assertEquals(calls.size(), purged);
    assertEquals(0L, (long) Bus.await(mongo.count("calls", new JsonObject().put("search_words", new JsonObject().put("$exists", true)))));
    JsonObject page = search(vertx, new JsonObject().put("q", "refund"));
    assertEquals(0, page.getJsonArray("items").size(), "a purged transcript is no longer searchable");
    assertEquals(calls.size(), search(vertx, new JsonObject().put("limit", 100)).getInteger("total"), "the calls themselves stay");
  }

  @Test
  void badQueriesFailWith400NamingTheParameterAndTheModeIsWordsOnTheEmbeddedServer(Vertx vertx) {
    for (String[] bad : new String[][] {{"limit", "0"}, {"cursor", "@@"}, {"min_score", "x"}, {"sentiment", "angry"}, {"to", "tomorrow"}}) {
      ReplyException e = Bus.failure(vertx, Addresses.ARCHIVE_SEARCH, new JsonObject().put(bad[0], bad[1]));
      assertEquals(BusErrors.BAD_REQUEST, e.failureCode(), bad[0]);
      assertTrue(e.getMessage().startsWith(bad[0] + ":"), e.getMessage());
    }
    JsonObject page = search(vertx, new JsonObject().put("q", "zeppelin").put("limit", 1));
    assertEquals("words", page.getString("mode"));
    assertEquals(2, page.getInteger("total"));
    assertEquals(1, page.getJsonArray("items").size());
    JsonObject second = search(vertx, new JsonObject().put("q", "zeppelin").put("limit", 1).put("cursor", page.getString("next_cursor")));
    assertNull(second.getValue("next_cursor"));
    assertNull(second.getValue("total"));
    assertTrue(!second.getJsonArray("items").getJsonObject(0).getString("call_id").equals(page.getJsonArray("items").getJsonObject(0).getString("call_id")));
  }
}
