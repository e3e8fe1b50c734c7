package io.switchboard.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.analytics.fixture.Bus;
import io.switchboard.contract.Addresses;
import io.switchboard.contract.BusErrors;
import io.switchboard.contract.analytics.AuditPage;
import io.switchboard.contract.analytics.AuditRecord;
import io.switchboard.testkit.TestMongo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class AuditLogTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final String[] USERS = {"alice", "bob", "carol"};
  private static final String[] ACTIONS = {"listen", "guide", "takeover", "handback", "end"};
  private static TestMongo mongoServer;
  private static final List<AuditRecord> written = new ArrayList<>();

  @BeforeAll
  static void load(Vertx vertx) {
    mongoServer = TestMongo.start();
    Bus.deploy(vertx, Bus.config(mongoServer.url()));
    List<Future<?>> acks = new ArrayList<>();
    for (int i = 0; i < 75; i++) {
      AuditRecord r = new AuditRecord(USERS[i % 3], "supervisor", ACTIONS[i % 5], "room-" + (i % 4), "s-" + i,
          new JsonObject().put("text", "hello " + i), i % 7 != 0, i % 7 == 0 ? "livekit said no" : null, 10 + i,
          T0.plus(Duration.ofMinutes(i)));
      written.add(r);
      acks.add(vertx.eventBus().request(Addresses.AUDIT_RECORD, r.toJson()));
    }
    Bus.await(Future.all(acks));
  }

  @AfterAll
  static void stop() {
    mongoServer.close();
  }

  @Test
  void recordsRoundTripNewestFirst(Vertx vertx) {
    AuditPage page = page(vertx, new JsonObject().put("size", 5));
    assertEquals(75, page.total());
    assertEquals(5, page.items().size());
    assertEquals(written.get(74), page.items().get(0));
    assertEquals(written.get(70), page.items().get(4));
    AuditRecord failed = written.get(70);
    assertEquals(false, failed.ok());
    assertEquals("livekit said no", page.items().get(4).message());
    assertEquals("failed", page.items().get(4).result());
  }

  @Test
  void filtersCombineAndPagesCoverEverythingOnce(Vertx vertx) {
    JsonObject filter = new JsonObject().put("user", "alice").put("room", "room-1")
        .put("from", T0.plus(Duration.ofMinutes(5)).toString()).put("to", T0.plus(Duration.ofMinutes(70)).toEpochMilli());
    long expected = written.stream().filter(r -> r.who().equals("alice") && r.room().equals("room-1")
        && !r.at().isBefore(T0.plus(Duration.ofMinutes(5))) && r.at().isBefore(T0.plus(Duration.ofMinutes(70)))).count();
    assertTrue(expected >= 3);
    Set<String> sessions = new HashSet<>();
    int pages = 0;
    for (int p = 1; ; p++) {
      AuditPage page = page(vertx, filter.copy().put("page", p).put("size", 2));
      assertEquals(expected, page.total());
      if (page.items().isEmpty()) {
        break;
      }
      pages++;
      page.items().forEach(r -> {
        assertEquals("alice", r.who());
        assertEquals("room-1", r.room());
        assertTrue(sessions.add(r.sessionId()), "item on two pages");
      });
    }
    assertEquals(expected, sessions.size());
    assertEquals((expected + 1) / 2, pages);

    AuditPage takeovers = page(vertx, new JsonObject().put("action", "takeover").put("size", 200));
    assertEquals(15, takeovers.total());
    assertTrue(takeovers.items().stream().allMatch(r -> r.action().equals("takeover")));
  }

  @Test
  void badInputIsRejectedWith400(Vertx vertx) {
    Object[][] cases = {
      {Addresses.AUDIT_QUERY, new JsonObject().put("size", 201), "size: must be 1..200"},
      {Addresses.AUDIT_QUERY, new JsonObject().put("page", 0), "page: must be"},
      {Addresses.AUDIT_QUERY, new JsonObject().put("from", "nope"), "from: expected ISO-8601"},
      {Addresses.AUDIT_RECORD, new JsonObject().put("action", "end"), "who is required"},
      {Addresses.AUDIT_RECORD, new JsonObject().put("who", "a"), "action is required"},
      {Addresses.AUDIT_RECORD, new JsonObject().put("who", "a").put("action", "end").put("result", "maybe"), "result: expected ok|failed"},
    };
    for (Object[] c : cases) {
      ReplyException e = Bus.failure(vertx, (String) c[0], (JsonObject) c[1]);
      assertEquals(BusErrors.BAD_REQUEST, e.failureCode(), e.getMessage());
      assertTrue(e.getMessage().contains((String) c[2]), e.getMessage() + " should contain " + c[2]);
    }
  }

  private static AuditPage page(Vertx vertx, JsonObject q) {
    JsonObject reply = Bus.request(vertx, Addresses.AUDIT_QUERY, q);
    assertEquals(1, reply.getInteger("v"));
    return AuditPage.fromJson(reply);
  }
}
