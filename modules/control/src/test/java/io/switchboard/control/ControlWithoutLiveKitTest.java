package io.switchboard.control;

import static io.switchboard.control.ControlHarness.await;
import static io.switchboard.control.ControlHarness.eventually;
import static io.switchboard.control.ControlHarness.room;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.VerticleName;
import io.switchboard.contract.control.ControlRequest;
import io.switchboard.testkit.RedisPerClass;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The embedded demo: no LiveKit, every action drives the simulator through agent.<room>.control. */
@ExtendWith(VertxExtension.class)
class ControlWithoutLiveKitTest {
  @RegisterExtension
  static final RedisPerClass redisServer = new RedisPerClass();
  private ControlHarness h;
  private String room;

  @BeforeEach
  void deploy(Vertx vertx) {
    h = ControlHarness.start(vertx, redisServer.url(),
        new JsonObject().put("transfer.targets.en", "sip:en-queue@pbx").put("transfer.targets.ms", "sip:ms-queue@pbx"));
    room = "r-" + UUID.randomUUID().toString().substring(0, 8);
    h.seedCall(room, "s-1", null, "active");
  }

  @Test
  void takeoverPausesTheAgentAndHandbackResumesIt() {
    List<JsonObject> controls = h.recordControls(room);
    JsonObject reply = h.ok("takeover", "alice", "supervisor", room(room));
    assertEquals(1, reply.getInteger("v"));
    assertTrue(reply.getBoolean("ok"));
    assertEquals("takeover", reply.getString("action"));
    assertEquals(room, reply.getString("room"));
    assertEquals("s-1", reply.getString("session_id"));
    assertEquals("alice", reply.getString("takeover_by"));
    assertNull(reply.getString("token"), "no LiveKit, no token");
    eventually(() -> controls.size() == 1, "pause");
    JsonObject pause = controls.get(0);
    assertEquals("pause", pause.getString("type"));
    assertEquals("s-1", pause.getString("session_id"));
    assertEquals("alice", pause.getString("by"));
    List<JsonObject> sup = h.ingested(room, "supervisor");
    assertEquals(1, sup.size());
    assertEquals(new JsonObject().put("action", "takeover").put("by", "alice"), sup.get(0).getJsonObject("data"));
    assertEquals("s-1", sup.get(0).getString("session_id"));
    assertEquals("alice", h.get(TakeoverLock.key(room)));

    h.ok("handback", "alice", "supervisor", room(room));
    eventually(() -> controls.size() == 2, "resume");
    assertEquals("resume", controls.get(1).getString("type"));
    assertEquals("handback", h.ingested(room, "supervisor").get(1).getJsonObject("data").getString("action"));
    assertNull(h.get(TakeoverLock.key(room)), "lock released");
    h.expectAudits(2);
  }

  @Test
  void secondSupervisorIsRefusedUntilAnAdminForces() {
    h.ok("takeover", "alice", "supervisor", room(room));
    ReplyException conflict = h.failure("takeover", "bob", "supervisor", room(room).put("force", true));
    assertEquals(409, conflict.failureCode());
    assertTrue(conflict.getMessage().contains("call is held by alice"), conflict.getMessage());

    ReplyException notHolder = h.failure("handback", "bob", "supervisor", room(room));
    assertEquals(409, notHolder.failureCode());
    assertTrue(notHolder.getMessage().contains("alice"), notHolder.getMessage());
    assertEquals("alice", h.get(TakeoverLock.key(room)), "a refused hand-back leaves the lock alone");

    ReplyException adminNoForce = h.failure("takeover", "carol", "admin", room(room));
    assertEquals(409, adminNoForce.failureCode());

    JsonObject forced = h.ok("takeover", "carol", "admin", room(room).put("force", true));
    assertEquals("alice", forced.getString("forced_from"));
    assertEquals("carol", h.get(TakeoverLock.key(room)));
    // taking over again what one already holds is idempotent
    h.ok("takeover", "carol", "admin", room(room));
    assertEquals(3, h.ingested(room, "supervisor").size(), "only successful takeovers are recorded");
    h.expectAudits(6);
    assertEquals(List.of("ok", "failed", "failed", "failed", "ok", "ok"), h.audits.stream().map(a -> a.getString("result")).toList());
  }

  @Test
  void simultaneousTakeoversHaveExactlyOneWinner() {
    List<io.vertx.core.Future<Message<JsonObject>>> attempts = new java.util.ArrayList<>();
    for (String user : List.of("u1", "u2", "u3", "u4", "u5")) {
      attempts.add(h.send("takeover", user, "supervisor", room(room)));
    }
    await(io.vertx.core.Future.join(attempts).otherwiseEmpty()); // wait for all, winners and losers
    List<io.vertx.core.Future<Message<JsonObject>>> won = attempts.stream().filter(io.vertx.core.Future::succeeded).toList();
    assertEquals(1, won.size(), "exactly one takeover wins");
    String winner = won.get(0).result().body().getString("takeover_by");
    assertEquals(winner, h.get(TakeoverLock.key(room)));
    attempts.stream().filter(io.vertx.core.Future::failed).forEach(f -> {
      assertEquals(409, ((ReplyException) f.cause()).failureCode());
      assertEquals("call is held by " + winner, f.cause().getMessage());
    });
  }

  @Test
  void adminCanHandBackAnotherSupervisorsCall() {
    h.ok("takeover", "alice", "supervisor", room(room));
    JsonObject reply = h.ok("handback", "carol", "admin", room(room));
    assertEquals("alice", reply.getString("released_from"));
    assertNull(h.get(TakeoverLock.key(room)));
    ReplyException again = h.failure("handback", "alice", "supervisor", room(room));
    assertEquals(409, again.failureCode());
    assertTrue(again.getMessage().contains("not taken over"), again.getMessage());
  }

  @Test
  void guideSaysNoAgentConnectedWhenNobodyConsumesTheControlAddress() {
    // issue 15: a supervisor must not believe an instruction reached an agent that is not there
    JsonObject none = h.ok("guide", "alice", "supervisor", room(room).put("text", "hello?"));
    assertEquals(false, none.getBoolean("delivered"));
    assertEquals("no_agent_connected", none.getString("reason"));
    ControlHarness.eventually(() -> !h.auditsOf(room).isEmpty(), "the guide's audit record");
    JsonObject audit = h.auditsOf(room).get(0);
    assertEquals("guide", audit.getString("action"));
    assertEquals("not delivered to the agent: no_agent_connected", audit.getString("message"), "the audit says the agent never got it");
    List<JsonObject> controls = h.recordControls(room);
    JsonObject got = h.ok("guide", "alice", "supervisor", room(room).put("text", "now?"));
    assertEquals(true, got.getBoolean("delivered"));
    assertNull(got.getString("reason"));
    assertEquals(1, controls.size());
  }

  @Test
  void guidePublishesTheTrimmedTextAndIsRateLimited() {
    List<JsonObject> controls = h.recordControls(room);
    for (int i = 1; i <= 3; i++) {
      h.ok("guide", "alice", "supervisor", room(room).put("text", "  offer the refund " + i + "  "));
    }
    eventually(() -> controls.size() == 3, "guides");
    assertEquals("guide", controls.get(0).getString("type"));
    assertEquals("offer the refund 1", controls.get(0).getString("text"));
    assertEquals("alice", controls.get(0).getString("by"));
    JsonObject logged = h.ingested(room, "supervisor").get(0).getJsonObject("data");
    assertEquals(new JsonObject().put("action", "guide").put("by", "alice").put("text", "offer the refund 1"), logged);

    ReplyException slow = h.failure("guide", "alice", "supervisor", room(room).put("text", "fourth"));
    assertEquals(429, slow.failureCode());
    assertTrue(slow.getMessage().startsWith("slow down"), slow.getMessage());
    // the limit is per supervisor: another one may still guide
    h.ok("guide", "bob", "supervisor", room(room).put("text", "fifth"));
    eventually(() -> controls.size() == 4, "bob's guide");
    assertEquals(List.of("offer the refund 1", "offer the refund 2", "offer the refund 3", "fifth"),
        controls.stream().map(c -> c.getString("text")).toList());
    h.expectAudits(5);
  }

  @Test
  void listenNeedsLiveKit() {
    ReplyException e = h.failure("listen", "alice", "supervisor", room(room));
    assertEquals(503, e.failureCode());
    assertEquals("audio unavailable: LiveKit not configured", e.getMessage());
    assertTrue(h.ingested(room, "supervisor").isEmpty());
    h.expectAudits(1);
    JsonObject audit = h.audits.get(0);
    assertEquals("failed", audit.getString("result"));
    assertEquals("audio unavailable: LiveKit not configured", audit.getString("message"));
    assertEquals("s-1", audit.getString("session_id"));
  }

  @Test
  void endTellsTheSimulatorAndEndsTheCall() {
    List<JsonObject> controls = h.recordControls(room);
    h.ok("takeover", "alice", "supervisor", room(room));
    h.ok("end", "alice", "supervisor", room(room));
    eventually(() -> controls.size() == 2, "end");
    assertEquals("end", controls.get(1).getString("type"));
    JsonObject ended = h.ingested(room, "call_ended").get(0);
    assertEquals("s-1", ended.getString("session_id"));
    assertEquals(new JsonObject().put("reason", "ended_by_supervisor"), ended.getJsonObject("data"));
    assertEquals("end", h.ingested(room, "supervisor").get(1).getJsonObject("data").getString("action"));
    assertNull(h.get(TakeoverLock.key(room)), "an ended call is held by nobody");
  }

  @Test
  void transferEndsTheSimulatedCallWithTheTarget() {
    List<JsonObject> controls = h.recordControls(room);
    JsonObject reply = h.ok("transfer", "alice", "supervisor", room(room).put("language", "ms"));
    assertEquals("sip:ms-queue@pbx", reply.getString("target"));
    eventually(() -> controls.size() == 1, "end");
    assertEquals("end", controls.get(0).getString("type"));
    assertEquals(new JsonObject().put("action", "transfer").put("by", "alice").put("result", "sip:ms-queue@pbx"),
        h.ingested(room, "supervisor").get(0).getJsonObject("data"));
    assertEquals(new JsonObject().put("reason", "transferred").put("transfer_target", "sip:ms-queue@pbx"),
        h.ingested(room, "call_ended").get(0).getJsonObject("data"));
  }

  @Test
  void callersMustBeAuthenticatedSupervisors() {
    ReplyException none = h.failure("takeover", null, null, room(room));
    assertEquals(401, none.failureCode());
    ReplyException noRole = h.failure("takeover", "alice", null, room(room));
    assertEquals(401, noRole.failureCode());
    ReplyException viewer = h.failure("takeover", "vic", "viewer", room(room));
    assertEquals(403, viewer.failureCode());
    ReplyException unknown = h.failure("end", "mallory", "superuser", room(room));
    assertEquals(403, unknown.failureCode());
    assertNull(h.get(TakeoverLock.key(room)));
    assertTrue(h.ingest.isEmpty(), "nothing reached ingest");
    h.expectAudits(4);
    JsonObject first = h.audits.get(0);
    assertEquals("unknown", first.getString("who"));
    assertNull(first.getString("role"));
    assertEquals("takeover", first.getString("action"));
    assertEquals(room, first.getString("room"));
    assertNull(first.getString("session_id"), "never read: the caller was refused first");
    assertEquals("failed", first.getString("result"));
    assertEquals("vic", h.audits.get(2).getString("who"));
    assertEquals("viewer", h.audits.get(2).getString("role"));
  }

  @Test
  void badInputIsA400WithAClearMessage() {
    assertBad("guide", room(room), "text is required");
    assertBad("guide", room(room).put("text", "   "), "text is required");
    assertBad("guide", room(room).put("text", "x".repeat(ControlRequest.MAX_GUIDE_LENGTH + 1)), "at most " + ControlRequest.MAX_GUIDE_LENGTH);
    assertBad("takeover", new JsonObject(), "room is required");
    assertBad("takeover", room("a.b"), "invalid room");
    assertBad("guide", room(room).put("text", 42), "text must be a string");
    assertBad("takeover", room(room).put("force", "yes"), "force must be true or false");
    assertBad("transfer", room(room).put("language", "xx"), "unknown language 'xx' (configured: en, ms)");
    assertBad("transfer", room(room), "language is required");
    ReplyException notJson = h.failure("end", "alice", "supervisor", null);
    assertEquals(400, notJson.failureCode());
    assertTrue(h.ingest.isEmpty());
    h.expectAudits(10);
    JsonObject longText = h.audits.get(2);
    assertEquals("guide", longText.getString("action"));
    assertTrue(longText.getJsonObject("args").getString("text").startsWith("xxx"));
    assertEquals("xx", h.audits.get(7).getJsonObject("args").getString("language"));
    assertEquals("failed", h.audits.get(7).getString("result"));
  }

  private void assertBad(String action, JsonObject body, String expected) {
    ReplyException e = h.failure(action, "alice", "supervisor", body);
    assertEquals(400, e.failureCode(), e.getMessage());
    assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should contain '" + expected + "'");
  }

  @Test
  void missingAndEndedCalls() {
    ReplyException missing = h.failure("takeover", "alice", "supervisor", room("nobody-here"));
    assertEquals(404, missing.failureCode());
    assertEquals("no call in room nobody-here", missing.getMessage());
    h.seedCall(room, "s-1", null, "ended");
    ReplyException gone = h.failure("guide", "alice", "supervisor", room(room).put("text", "hi"));
    assertEquals(410, gone.failureCode());
    assertNull(h.get(TakeoverLock.key("nobody-here")));
    h.expectAudits(2);
  }

  @Test
  void everyAttemptIsAuditedOnceWithTheAgreedShape() {
    Instant before = Instant.now();
    h.ok("guide", "alice", "supervisor", room(room).put("text", "say sorry"));
    h.failure("listen", "alice", "supervisor", room(room));
    h.ok("takeover", "alice", "supervisor", room(room).put("force", false));
    h.failure("takeover", "bob", "supervisor", room(room));
    h.ok("handback", "alice", "supervisor", room(room));
    h.ok("transfer", "alice", "admin", room(room).put("language", "en"));
    h.expectAudits(6);
    JsonObject guide = h.audits.get(0);
    assertEquals(
        List.of("v", "who", "role", "action", "room", "session_id", "args", "result", "message", "latency_ms", "at"),
        List.copyOf(guide.fieldNames()));
    assertEquals(1, guide.getInteger("v"));
    assertEquals("alice", guide.getString("who"));
    assertEquals("supervisor", guide.getString("role"));
    assertEquals("guide", guide.getString("action"));
    assertEquals("s-1", guide.getString("session_id"));
    assertEquals(new JsonObject().put("text", "say sorry"), guide.getJsonObject("args"));
    assertEquals("ok", guide.getString("result"));
    // nothing consumes the room's control address in this harness: accepted, never delivered
    assertEquals("not delivered to the agent: no_agent_connected", guide.getString("message"));
    assertTrue(guide.getLong("latency_ms") >= 0);
    Instant at = Instant.parse(guide.getString("at"));
    assertFalse(at.isBefore(before.minusSeconds(1)));
    assertTrue(Duration.between(at, Instant.now()).toSeconds() < 10);
    assertEquals(new JsonObject().put("force", false), h.audits.get(2).getJsonObject("args"));
    JsonObject conflict = h.audits.get(3);
    assertEquals("bob", conflict.getString("who"));
    assertEquals("failed", conflict.getString("result"));
    assertTrue(conflict.getString("message").contains("call is held by alice"));
    assertEquals(List.of("guide", "listen", "takeover", "takeover", "handback", "transfer"),
        h.audits.stream().map(a -> a.getString("action")).toList());
  }

  @Test
  void anUnreachableAuditStoreNeverFailsTheAction() {
    h.failAudits();
    List<JsonObject> controls = h.recordControls(room);
    h.ok("takeover", "alice", "supervisor", room(room));
    h.ok("end", "alice", "supervisor", room(room));
    eventually(() -> controls.size() == 2, "pause and end");
    h.expectAudits(2);
  }

  @Test
  void healthReportsRedisAndLiveKit(Vertx vertx) {
    Message<JsonObject> reply = await(vertx.eventBus().request(Addresses.health(VerticleName.CONTROL), new JsonObject()));
    assertEquals("UP", reply.body().getString("status"));
    assertEquals("not configured", reply.body().getJsonObject("details").getString("livekit"));
    assertEquals("UP", reply.body().getJsonObject("details").getString("redis"));
  }
}
