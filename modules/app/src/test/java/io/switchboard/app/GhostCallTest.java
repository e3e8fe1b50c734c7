package io.switchboard.app;

import static io.switchboard.testkit.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.testkit.BridgeClient;
import io.switchboard.testkit.FakeLiveKit;
import io.switchboard.testkit.TestRedis;
import io.switchboard.testkit.WebhookSigner;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import livekit.LivekitModels;
import livekit.LivekitWebhook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ghost calls: the agent never says goodbye. A signed room_finished webhook (or the reconciler,
 * when LiveKit no longer lists the room) ends the call; forged webhooks change nothing; a
 * redelivered webhook has one effect.
 */
@ExtendWith(VertxExtension.class)
class GhostCallTest {
  private static final String KEY = "APIghost";
  private static final String SECRET = "ghost-secret-that-is-long-enough-for-hs256";
  private static TestRedis redis;
  private static FakeLiveKit liveKit;
  private static TestNode node;
  private static Vertx helper;

  @BeforeAll
  static void start() {
    helper = Vertx.vertx();
    redis = TestRedis.start();
    liveKit = new FakeLiveKit(helper, KEY, SECRET).start().await();
    node =
        TestNode.start(
            redis.url(),
            "gateway,ingest,debouncer,webhook-receiver",
            new JsonObject()
                .put("livekit.url", liveKit.url())
                .put("livekit.api.key", KEY)
                .put("livekit.api.secret", SECRET)
                .put("reconcile.period.s", 1)
                .put("reconcile.grace.ms", 0));
  }

  @AfterAll
  static void stop() {
    node.close();
    liveKit.close();
    redis.close();
    helper.close();
  }

  private static String room() {
    return "ghost-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static HttpResponse<Buffer> postWebhook(Vertx vertx, String body, String auth) throws Exception {
    return WebClient.create(vertx)
        .post(node.port(), "127.0.0.1", "/livekit/webhook")
        .putHeader("Content-Type", "application/webhook+json")
        .putHeader("Authorization", auth)
        .sendBuffer(Buffer.buffer(body))
        .await(5, TimeUnit.SECONDS);
  }

  private static String roomFinished(String room, String sid, String id) {
    return WebhookSigner.body(
        LivekitWebhook.WebhookEvent.newBuilder()
            .setEvent("room_finished")
            .setId(id)
            .setCreatedAt(Instant.now().getEpochSecond())
            .setRoom(LivekitModels.Room.newBuilder().setName(room).setSid(sid))
            .build());
  }

  private static String field(Vertx vertx, String room, String field) throws Exception {
    Redis client = Redis.createClient(vertx, redis.url());
    try {
      var r = RedisAPI.api(client).hget("call:" + room, field).await(5, TimeUnit.SECONDS);
      return r == null ? null : r.toString();
    } finally {
      client.close();
    }
  }

  private static long count(Vertx vertx, String room, String needle) throws Exception {
    Redis client = Redis.createClient(vertx, redis.url());
    try {
      var entries = RedisAPI.api(client).xrange(List.of("call:" + room + ":log", "-", "+")).await(5, TimeUnit.SECONDS);
      long n = 0;
      for (var e : entries) {
        if (e.get(1).toString().contains(needle)) {
          n++;
        }
      }
      return n;
    } finally {
      client.close();
    }
  }

  @Test
  void signedRoomFinishedRemovesTheGhostWithinTwoSecondsOnce(Vertx vertx) throws Exception {
    String room = room();
    List<JsonObject> list = new CopyOnWriteArrayList<>();
    BridgeClient client = node.bridge(vertx, "viewer");
    client.register(Addresses.CALLS_ACTIVE, list::add).await(5, TimeUnit.SECONDS);
    liveKit.addRoom(room, "RM_" + room); // LiveKit has the room, so the reconciler leaves it alone
    AgentPoster agent = new AgentPoster(vertx, node.port(), room, "s-ghost", false);
    assertEquals(202, agent.post("call_started", new JsonObject().put("room_sid", "RM_" + room)).await(5, TimeUnit.SECONDS).statusCode());
    awaitList(list, d -> d.getJsonArray("upserts").stream().anyMatch(u -> room.equals(((JsonObject) u).getString("room"))));

    // forged: signed with another secret → 401 and nothing changes
    String body = roomFinished(room, "RM_" + room, "EV_" + room);
    HttpResponse<Buffer> forged = postWebhook(vertx, body, WebhookSigner.sign(body, KEY, "not-the-secret-not-the-secret-not-it"));
    assertEquals(401, forged.statusCode(), forged.bodyAsString());
    assertEquals("webhook signature invalid", forged.bodyAsJsonObject().getString("message"));
    // tampered: valid signature of another body
    HttpResponse<Buffer> tampered = postWebhook(vertx, body.replace(room, room + "x"), WebhookSigner.sign(body, KEY, SECRET));
    assertEquals(401, tampered.statusCode());
    assertEquals("active", field(vertx, room, "status"));

    long sent = System.currentTimeMillis();
    liveKit.removeRoom(room);
    HttpResponse<Buffer> ok = postWebhook(vertx, body, WebhookSigner.sign(body, KEY, SECRET));
    assertEquals(200, ok.statusCode(), ok.bodyAsString());
    awaitList(list, d -> d.getJsonArray("removed").contains(room));
    assertTrue(System.currentTimeMillis() - sent < 2000, "removed within 2 s");
    assertEquals("ended", field(vertx, room, "status"));
    assertEquals("room_finished", field(vertx, room, "end_reason"));

    HttpResponse<Buffer> again = postWebhook(vertx, body, WebhookSigner.sign(body, KEY, SECRET));
    assertEquals(200, again.statusCode());
    assertEquals(true, again.bodyAsJsonObject().getBoolean("duplicate"));
    // no wait needed: the receiver answers only after ingest applied (or skipped) the event
    assertEquals(1, count(vertx, room, "\"ended\""), "one ended line");
    client.close();
    agent.close();
  }

  @Test
  void aSignedBodyThatIsNotAWebhookEventIsA400NotA503(Vertx vertx) throws Exception {
    // found by FuzzTest: the SDK's checked InvalidProtocolBufferException escaped the handler,
    // nothing replied, and the gateway answered 503 after its timeout (LiveKit retries 503s)
    for (String body : List.of("not json at all", "[1,2,3]", "{\"event\":{\"nested\":true}}")) {
      long t0 = System.currentTimeMillis();
      HttpResponse<Buffer> r = postWebhook(vertx, body, WebhookSigner.sign(body, KEY, SECRET));
      assertEquals(400, r.statusCode(), body + " → " + r.bodyAsString());
      assertEquals("not a LiveKit webhook event", r.bodyAsJsonObject().getString("message"));
      assertTrue(System.currentTimeMillis() - t0 < 2000, "answered at once, not after a timeout");
    }
  }

  @Test
  void webhookForAnotherRoomSidLeavesTheCallAlone(Vertx vertx) throws Exception {
    String room = room();
    AgentPoster agent = new AgentPoster(vertx, node.port(), room, "s-new", false);
    liveKit.addRoom(room, "RM_new");
    agent.post("call_started", new JsonObject().put("room_sid", "RM_new")).await(5, TimeUnit.SECONDS);
    String stale = roomFinished(room, "RM_old", "EV_stale_" + room);
    // the 200 is the marker: the receiver answers after ingest has applied or refused the event
    assertEquals(200, postWebhook(vertx, stale, WebhookSigner.sign(stale, KEY, SECRET)).statusCode());
    assertEquals("active", field(vertx, room, "status"), "a stale room's webhook never ends the new call");
    agent.close();
  }

  @Test
  void aSupervisorLeavingTheLiveKitRoomStopsListening(Vertx vertx) throws Exception {
    String room = room();
    liveKit.addRoom(room, "RM_" + room);
    new AgentPoster(vertx, node.port(), room, "s-l", false).post("call_started", new JsonObject().put("room_sid", "RM_" + room)).await(5, TimeUnit.SECONDS);
    // what control records when it hands out a listen token
    node.node().vertx().eventBus().request(io.switchboard.contract.Addresses.INGEST_CALL_EVENT,
        new io.switchboard.contract.live.CallEvent(room, null, "supervisor", null, 0, new JsonObject().put("action", "listen").put("by", "alice")).toJson())
        .await(5, TimeUnit.SECONDS);
    assertEquals("[\"alice\"]", field(vertx, room, "listeners"));
    String left = WebhookSigner.body(LivekitWebhook.WebhookEvent.newBuilder()
        .setEvent("participant_left").setId("EV_left_" + room).setCreatedAt(Instant.now().getEpochSecond())
        .setRoom(LivekitModels.Room.newBuilder().setName(room).setSid("RM_" + room))
        .setParticipant(LivekitModels.ParticipantInfo.newBuilder().setIdentity("supervisor_alice"))
        .build());
    assertEquals(200, postWebhook(vertx, left, WebhookSigner.sign(left, KEY, SECRET)).statusCode());
    assertEquals("[]", field(vertx, room, "listeners"));
  }

  /** Hand-back, then listen again: LiveKit replaces the old connection of supervisor_alice. */
  @Test
  void aLateLeaveOfAReplacedConnectionKeepsTheRejoinedSupervisorListening(Vertx vertx) throws Exception {
    String room = listenedRoom(vertx, "s-r1");
    webhook(vertx, connectionEvent("participant_joined", room, "PA_old", "EV_j1_" + room));
    webhook(vertx, connectionEvent("participant_joined", room, "PA_new", "EV_j2_" + room));
    webhook(vertx, connectionEvent("participant_left", room, "PA_old", "EV_l1_" + room));
    assertEquals("[\"alice\"]", field(vertx, room, "listeners"), "the leave of the replaced connection is stale");
    // the live connection's own leave still ends listening (and proves the stale one was read)
    webhook(vertx, connectionEvent("participant_left", room, "PA_new", "EV_l2_" + room));
    assertEquals("[]", field(vertx, room, "listeners"));
  }

  @Test
  void aRejoinAppliedAfterTheOldConnectionsLeaveListensAgain(Vertx vertx) throws Exception {
    String room = listenedRoom(vertx, "s-r2");
    webhook(vertx, connectionEvent("participant_joined", room, "PA_old", "EV_j1_" + room));
    webhook(vertx, connectionEvent("participant_left", room, "PA_old", "EV_l1_" + room));
    assertEquals("[]", field(vertx, room, "listeners"));
    webhook(vertx, connectionEvent("participant_joined", room, "PA_new", "EV_j2_" + room));
    assertEquals("[\"alice\"]", field(vertx, room, "listeners"));
  }

  private String listenedRoom(Vertx vertx, String session) throws Exception {
    String room = room();
    liveKit.addRoom(room, "RM_" + room);
    new AgentPoster(vertx, node.port(), room, session, false).post("call_started", new JsonObject().put("room_sid", "RM_" + room)).await(5, TimeUnit.SECONDS);
    node.node().vertx().eventBus().request(io.switchboard.contract.Addresses.INGEST_CALL_EVENT,
        new io.switchboard.contract.live.CallEvent(room, null, "supervisor", null, 0, new JsonObject().put("action", "listen").put("by", "alice")).toJson())
        .await(5, TimeUnit.SECONDS);
    return room;
  }

  private static void webhook(Vertx vertx, String body) throws Exception {
    assertEquals(200, postWebhook(vertx, body, WebhookSigner.sign(body, KEY, SECRET)).statusCode());
  }

  private static String connectionEvent(String event, String room, String participantSid, String id) {
    return WebhookSigner.body(LivekitWebhook.WebhookEvent.newBuilder()
        .setEvent(event).setId(id).setCreatedAt(Instant.now().getEpochSecond())
        .setRoom(LivekitModels.Room.newBuilder().setName(room).setSid("RM_" + room))
        .setParticipant(LivekitModels.ParticipantInfo.newBuilder().setIdentity("supervisor_alice").setSid(participantSid))
        .build());
  }

  private static String participantEvent(String event, String room, String sid, String identity, String id) {
    return WebhookSigner.body(LivekitWebhook.WebhookEvent.newBuilder()
        .setEvent(event).setId(id).setCreatedAt(Instant.now().getEpochSecond())
        .setRoom(LivekitModels.Room.newBuilder().setName(room).setSid(sid))
        .setParticipant(LivekitModels.ParticipantInfo.newBuilder().setIdentity(identity))
        .build());
  }

  @Test
  void participantsWhoJoinedBeforeCallStartedAreListedAndALeavingAgentRaisesAgentLost(Vertx vertx) throws Exception {
    String room = room();
    String sid = "RM_" + room;
    liveKit.addRoom(room, sid);
    List<JsonObject> alerts = new CopyOnWriteArrayList<>();
    BridgeClient client = node.bridge(vertx, "supervisor");
    client.register(Addresses.ALERTS, alerts::add).await(5, TimeUnit.SECONDS);
    // what the real server does: the agent and the customer join before the agent posts call_started
    for (String who : List.of("agent-7", "caller-7")) {
      String joined = participantEvent("participant_joined", room, sid, who, "EV_j_" + who + room);
      assertEquals(200, postWebhook(vertx, joined, WebhookSigner.sign(joined, KEY, SECRET)).statusCode());
    }
    new AgentPoster(vertx, node.port(), room, "s-p", false)
        .post("call_started", new JsonObject().put("room_sid", sid).put("agent", "agent-7")).await(5, TimeUnit.SECONDS);
    assertEquals("[\"agent-7\",\"caller-7\"]", field(vertx, room, "participants"));

    String left = participantEvent("participant_left", room, sid, "agent-7", "EV_l_" + room);
    assertEquals(200, postWebhook(vertx, left, WebhookSigner.sign(left, KEY, SECRET)).statusCode());
    assertEquals("lost", field(vertx, room, "agent_state"));
    assertEquals("active", field(vertx, room, "status"), "the customer is still on the line");
    eventually("an alert for " + room, Duration.ofSeconds(2), () -> alerts.stream().anyMatch(a -> room.equals(a.getString("room"))));
    JsonObject alert = alerts.stream().filter(a -> room.equals(a.getString("room"))).findFirst().orElseThrow(() -> new AssertionError("no alert in " + alerts));
    assertEquals("agent_lost", alert.getString("reason"));
    assertEquals("s-p", alert.getString("session_id"));
    client.close();
  }

  @Test
  void reconcilerEndsCallsWhoseRoomLiveKitNoLongerHas(Vertx vertx) throws Exception {
    String alive = room();
    String ghost = room();
    liveKit.addRoom(alive, "RM_" + alive);
    new AgentPoster(vertx, node.port(), alive, "s-a", false).post("call_started", new JsonObject().put("room_sid", "RM_" + alive)).await(5, TimeUnit.SECONDS);
    new AgentPoster(vertx, node.port(), ghost, "s-g", false).post("call_started", new JsonObject().put("room_sid", "RM_" + ghost)).await(5, TimeUnit.SECONDS);
    // one period (1 s) plus slack; the pass that ends the ghost also checked the live room
    eventually("the reconciler ends the ghost", Duration.ofSeconds(3), () -> assertEquals("ended", field(vertx, ghost, "status")));
    assertEquals("reconciled", field(vertx, ghost, "end_reason"));
    assertEquals("active", field(vertx, alive, "status"));
    assertTrue(!liveKit.calls("ListRooms").isEmpty(), "asked LiveKit over Twirp");
  }

  private static void awaitList(List<JsonObject> deltas, java.util.function.Predicate<JsonObject> p) {
    eventually("a matching calls.active delta", Duration.ofSeconds(3), () -> assertTrue(deltas.stream().anyMatch(p), "no matching calls.active delta in " + deltas));
  }
}
