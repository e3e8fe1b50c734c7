package io.switchboard.app;

import static io.switchboard.testkit.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.control.CallerHeaders;
import io.switchboard.testkit.BridgeClient;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Login, JWT roles on the SockJS bridge (real WebSocket client) and on /api, identity injection,
 * and presence. A stand-in consumer on control.takeover echoes the headers it received, so the
 * test sees exactly what a service would trust.
 */
@ExtendWith(VertxExtension.class)
class AuthAndBridgeTest {
  private static TestRedis redis;
  private static TestNode node;
  private static Vertx vertx;
  private static WebClient web;

  @BeforeAll
  static void start() throws Exception {
    redis = TestRedis.start();
    node = TestNode.start(redis.url(), "gateway,ingest,debouncer", new JsonObject());
    vertx = Vertx.vertx();
    web = WebClient.create(vertx);
    node.node().vertx().eventBus().<JsonObject>consumer(Addresses.CONTROL_TAKEOVER, m -> m.reply(new JsonObject()
        .put("user", m.headers().get(CallerHeaders.USER))
        .put("role", m.headers().get(CallerHeaders.ROLE))
        .put("room", m.body().getString("room"))))
        .completion().await(5, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    web.close();
    vertx.close();
    node.close();
    redis.close();
  }

  private static HttpResponse<Buffer> login(String user, String password) throws Exception {
    return web.post(node.port(), "127.0.0.1", "/auth/login").sendJsonObject(new JsonObject().put("username", user).put("password", password)).await(10, TimeUnit.SECONDS);
  }

  private static String startCall() throws Exception {
    String room = "auth-" + UUID.randomUUID().toString().substring(0, 8);
    AgentPoster agent = new AgentPoster(vertx, node.port(), room, "s-1", false);
    assertEquals(202, agent.post("call_started", new JsonObject()).await(5, TimeUnit.SECONDS).statusCode());
    agent.close();
    return room;
  }

  @Test
  void loginIssuesARoleTokenAndRejectsBadPasswords() throws Exception {
    HttpResponse<Buffer> ok = login("supervisor", "supervisor-demo");
    assertEquals(200, ok.statusCode());
    JsonObject body = ok.bodyAsJsonObject();
    assertEquals("supervisor", body.getString("role"));
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(body.getString("token").split("\\.")[1])));
    assertEquals("supervisor", claims.getString("sub"));
    assertTrue(claims.getLong("exp") > System.currentTimeMillis() / 1000);
    assertEquals(401, login("supervisor", "wrong").statusCode());
    assertEquals(401, login("nobody", "x").statusCode());
    assertEquals(400, web.post(node.port(), "127.0.0.1", "/auth/login").sendBuffer(Buffer.buffer("{oops")).await(5, TimeUnit.SECONDS).statusCode());
    HttpResponse<Buffer> me = web.get(node.port(), "127.0.0.1", "/api/me").bearerTokenAuthentication(body.getString("token")).send().await(5, TimeUnit.SECONDS);
    assertEquals("supervisor", me.bodyAsJsonObject().getString("user"));
  }

  @Test
  void repeatedFailuresAreThrottled() throws Exception {
    int last = 0;
    for (int i = 0; i < 7; i++) {
      last = login("admin", "guess-" + i).statusCode();
    }
    assertEquals(429, last);
  }

  @Test
  void withoutATokenNothingCanBeSubscribed() throws Exception {
    String room = startCall();
    List<JsonObject> got = new CopyOnWriteArrayList<>();
    BridgeClient anonymous = BridgeClient.connect(vertx, node.port()).await(5, TimeUnit.SECONDS);
    anonymous.register(Addresses.call(room), got::add).await(5, TimeUnit.SECONDS);
    anonymous.register(Addresses.CALLS_ACTIVE, got::add).await(5, TimeUnit.SECONDS);
    BridgeClient witness = node.bridge(vertx, "viewer");
    List<JsonObject> seen = new CopyOnWriteArrayList<>();
    witness.register(Addresses.call(room), seen::add).await(5, TimeUnit.SECONDS);
    witness.register(Addresses.CALLS_ACTIVE, seen::add).await(5, TimeUnit.SECONDS);
    new AgentPoster(vertx, node.port(), room, "s-1", false).line("user", "are you there").await(5, TimeUnit.SECONDS);
    // the marker: a viewer's socket got the delta with that line, so a registered anonymous socket would have too
    eventually("a viewer receives the line", Duration.ofSeconds(10), () -> seen.stream().anyMatch(d -> d.encode().contains("are you there")));
    eventually("both registrations refused", Duration.ofSeconds(5), () -> anonymous.errors().size() >= 2);
    assertTrue(got.isEmpty(), "no messages without a token: " + got);
    assertEquals(2, anonymous.errors().size(), "both registrations refused: " + anonymous.errors());
    witness.close();
    anonymous.close();
  }

  /**
   * The dashboard uses the raw WebSocket endpoint and falls back to SockJS's framing
   * (docs/architecture.md#bridge): the call list, written by ListFanOut, and a room's deltas reach a
   * socket of each kind alike, as does a request's reply.
   */
  @Test
  void rawAndSockJsFramedSocketsGetTheSameMessages() throws Exception {
    String room = startCall();
    JsonObject auth = new JsonObject().put("authorization", "Bearer " + node.login(vertx, "supervisor"));
    BridgeClient raw = BridgeClient.connect(vertx, node.port(), auth, BridgeClient.Transport.RAW).await(5, TimeUnit.SECONDS);
    BridgeClient framed = BridgeClient.connect(vertx, node.port(), auth, BridgeClient.Transport.SOCKJS).await(5, TimeUnit.SECONDS);
    List<JsonObject> rawList = new CopyOnWriteArrayList<>();
    List<JsonObject> framedList = new CopyOnWriteArrayList<>();
    List<JsonObject> rawRoom = new CopyOnWriteArrayList<>();
    List<JsonObject> framedRoom = new CopyOnWriteArrayList<>();
    raw.register(Addresses.CALLS_ACTIVE, rawList::add).await(5, TimeUnit.SECONDS);
    raw.register(Addresses.call(room), rawRoom::add).await(5, TimeUnit.SECONDS);
    framed.register(Addresses.CALLS_ACTIVE, framedList::add).await(5, TimeUnit.SECONDS);
    framed.register(Addresses.call(room), framedRoom::add).await(5, TimeUnit.SECONDS);
    new AgentPoster(vertx, node.port(), room, "s-1", false).line("user", "the line with \"quotes\" and é").await(5, TimeUnit.SECONDS);
    for (List<JsonObject> got : List.of(rawRoom, framedRoom)) {
      eventually("the room's delta with the line", Duration.ofSeconds(10),
          () -> got.stream().anyMatch(d -> d.encode().contains("the line with \\\"quotes\\\" and é")));
    }
    for (List<JsonObject> got : List.of(rawList, framedList)) {
      eventually("a call-list delta naming the room", Duration.ofSeconds(10),
          () -> got.stream().anyMatch(d -> d.getJsonArray("upserts", new JsonArray()).encode().contains("\"" + room + "\"")));
    }
    long lastRaw = rawList.get(rawList.size() - 1).getLong("version");
    eventually("the framed socket gets call-list version " + lastRaw + " too", Duration.ofSeconds(10),
        () -> framedList.stream().anyMatch(d -> d.getLong("version", -1L) == lastRaw));
    JsonObject rawReply = raw.request(Addresses.CALLS_SNAPSHOT, new JsonObject()).await(5, TimeUnit.SECONDS);
    JsonObject framedReply = framed.request(Addresses.CALLS_SNAPSHOT, new JsonObject()).await(5, TimeUnit.SECONDS);
    assertTrue(rawReply.encode().contains(room) && framedReply.encode().contains(room), "both snapshots list the room");
    assertTrue(raw.errors().isEmpty() && framed.errors().isEmpty(), raw.errors() + " " + framed.errors());
    raw.close();
    framed.close();
  }

  @Test
  void viewerMaySubscribeButNotControl() throws Exception {
    String room = startCall();
    List<JsonObject> got = new CopyOnWriteArrayList<>();
    BridgeClient viewer = node.bridge(vertx, "viewer");
    viewer.register(Addresses.call(room), got::add).await(5, TimeUnit.SECONDS);
    new AgentPoster(vertx, node.port(), room, "s-1", false).line("user", "hello").await(5, TimeUnit.SECONDS);
    eventually("viewer receives room deltas", Duration.ofSeconds(3), () -> assertFalse(got.isEmpty(), "viewer receives room deltas"));
    Throwable denied = null;
    try {
      viewer.request(Addresses.CONTROL_TAKEOVER, new JsonObject().put("room", room)).await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      denied = e;
    }
    assertNotNull(denied, "viewer cannot send control.takeover");
    viewer.close();
  }

  @Test
  void supervisorControlCarriesTheVerifiedIdentityNotTheClaimedOne() throws Exception {
    String room = startCall();
    String token = node.login(vertx, "supervisor");
    // the client tries to pass itself off as the admin: the gateway replaces its headers
    BridgeClient sup = BridgeClient.connect(vertx, node.port(), new JsonObject()
        .put("authorization", "Bearer " + token)
        .put(CallerHeaders.USER, "admin")
        .put(CallerHeaders.ROLE, "admin")).await(5, TimeUnit.SECONDS);
    JsonObject reply = sup.request(Addresses.CONTROL_TAKEOVER, new JsonObject().put("room", room).put("by", "admin")).await(5, TimeUnit.SECONDS);
    assertEquals("supervisor", reply.getString("user"));
    assertEquals("supervisor", reply.getString("role"));
    assertEquals(room, reply.getString("room"));
    sup.close();
  }

  @Test
  void tamperedOrExpiredTokensAreDenied() throws Exception {
    String room = startCall();
    String viewerToken = node.login(vertx, "viewer");
    String[] parts = viewerToken.split("\\.");
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1])));
    claims.put("role", "admin");
    String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.encode().getBytes()) + "." + parts[2];
    JWTAuth sameSecret = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(TestNode.JWT_SECRET)));
    String expired = sameSecret.generateToken(new JsonObject().put("sub", "supervisor").put("role", "supervisor").put("iss", "switchboard")
        .put("exp", System.currentTimeMillis() / 1000 - 120).put("iat", System.currentTimeMillis() / 1000 - 3600));
    for (String bad : List.of(tampered, expired, "not.a.jwt")) {
      List<JsonObject> got = new CopyOnWriteArrayList<>();
      BridgeClient c = BridgeClient.connect(vertx, node.port(), new JsonObject().put("authorization", "Bearer " + bad)).await(5, TimeUnit.SECONDS);
      c.register(Addresses.call(room), got::add).await(5, TimeUnit.SECONDS);
      assertEquals(1, c.errors().size(), "register refused for " + bad);
      boolean refused = false;
      try {
        c.request(Addresses.CONTROL_TAKEOVER, new JsonObject().put("room", room)).await(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        refused = true;
      }
      assertTrue(refused, "control refused for " + bad);
      assertEquals(401, web.get(node.port(), "127.0.0.1", "/api/calls").bearerTokenAuthentication(bad).send().await(5, TimeUnit.SECONDS).statusCode());
      c.close();
    }
  }

  @Test
  void apiRolesAreEnforced() throws Exception {
    String viewer = node.login(vertx, "viewer");
    assertEquals(401, web.get(node.port(), "127.0.0.1", "/api/calls").send().await(5, TimeUnit.SECONDS).statusCode());
    assertEquals(200, web.get(node.port(), "127.0.0.1", "/api/calls").bearerTokenAuthentication(viewer).send().await(5, TimeUnit.SECONDS).statusCode());
    assertEquals(403, web.get(node.port(), "127.0.0.1", "/api/audit").bearerTokenAuthentication(viewer).send().await(5, TimeUnit.SECONDS).statusCode());
    assertEquals(403, web.post(node.port(), "127.0.0.1", "/api/calls/x/takeover").bearerTokenAuthentication(viewer).send().await(5, TimeUnit.SECONDS).statusCode());
  }

  @Test
  void openingARoomMakesTheUserAViewerUntilTheSocketCloses() throws Exception {
    String room = startCall();
    BridgeClient sup = node.bridge(vertx, "supervisor");
    sup.register(Addresses.call(room), d -> { }).await(5, TimeUnit.SECONDS);
    awaitViewers(room, new JsonArray().add("supervisor"));
    sup.close();
    awaitViewers(room, new JsonArray());
  }

  private static void awaitViewers(String room, JsonArray expected) throws Exception {
    Redis client = Redis.createClient(vertx, redis.url());
    try {
      eventually("viewers " + expected, Duration.ofSeconds(3), () -> {
        var r = RedisAPI.api(client).hget("call:" + room, "viewers").await(5, TimeUnit.SECONDS);
        String last = r == null ? null : r.toString();
        assertTrue(last != null && new JsonArray(last).equals(expected), "viewers " + last + ", expected " + expected);
      });
    } finally {
      client.close();
    }
  }
}
