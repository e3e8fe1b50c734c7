package io.switchboard.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.switchboard.analytics.archive.ArchiveDocument;
import io.switchboard.analytics.fixture.ArchiveMongo;
import io.switchboard.analytics.fixture.Bus;
import io.switchboard.contract.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** call.ended and audit.record are stored with placeholders and per-type counts, never the PII. */
@ExtendWith(VertxExtension.class)
class ArchiveRedactionTest {
  @RegisterExtension
  final ArchiveMongo archive = new ArchiveMongo();
  private MongoClient mongo;

  @BeforeEach
  void setUp(Vertx vertx) {
    mongo = archive.deployAnalytics(vertx);
  }

  @Test
  void theArchivedCallHoldsPlaceholdersAndCounts(Vertx vertx) {
    JsonArray lines = new JsonArray()
        .add(new JsonObject().put("seq", 1).put("kind", "transcript").put("role", "agent").put("ts", 1000).put("text", "What's the security code?"))
        .add(new JsonObject().put("seq", 2).put("kind", "transcript").put("role", "user").put("ts", 2000).put("text", "one two three"))
        .add(new JsonObject().put("seq", 3).put("kind", "transcript").put("role", "user").put("ts", 3000)
            .put("text", "card 4111 1111 1111 1111 and mail me at ada.byron@example.org"))
        .add(new JsonObject().put("seq", 4).put("kind", "supervisor").put("action", "guide").put("by", "sup").put("ts", 3500)
            .put("text", "read back 5555 5555 5555 4444"));
    JsonObject body = new JsonObject().put("room", "r1").put("session_id", "s-red-1")
        .put("fields", new JsonObject().put("customer", "+44 20 7946 0958").put("started_at", 500).put("ended_at", 4000))
        .put("lines", lines);
    Bus.request(vertx, Addresses.CALL_ENDED, body);
    JsonObject doc = Bus.await(mongo.findOne(ArchiveDocument.COLLECTION, new JsonObject().put("session_id", "s-red-1"), null));
    assertEquals(new JsonObject().put("card", 2).put("cvv", 1).put("phone", 1).put("email", 1), doc.getJsonObject("redactions"));
    assertEquals("[cvv]", doc.getJsonArray("transcript").getJsonObject(1).getString("text"));
    assertEquals("card [card] and mail me at [email]", doc.getJsonArray("transcript").getJsonObject(2).getString("text"));
    assertEquals("read back [card]", doc.getJsonArray("guides").getJsonObject(0).getString("text"));
    assertEquals("[phone]", doc.getString("customer"));
  }

  @Test
  void auditArgumentsAreRedacted(Vertx vertx) {
    Bus.request(vertx, Addresses.AUDIT_RECORD, new JsonObject().put("who", "sup").put("role", "supervisor").put("action", "guide")
        .put("room", "r2").put("args", new JsonObject().put("text", "tell them 4111111111111111 is blocked")).put("result", "ok"));
    String stored = Bus.await(mongo.find("audit", new JsonObject())).toString();
    assertFalse(stored.contains("4111111111111111"), stored);
    assertEquals(true, stored.contains("tell them [card] is blocked"), stored);
  }
}
