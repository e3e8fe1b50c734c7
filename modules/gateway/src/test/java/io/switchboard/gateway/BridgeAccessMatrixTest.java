package io.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.BrowserAccess;
import io.switchboard.contract.BrowserAccess.Direction;
import io.switchboard.contract.BrowserAccess.Role;
import io.switchboard.contract.VerticleName;
import io.switchboard.contract.control.CallerHeaders;
import io.switchboard.contract.live.CallEvent;
import io.switchboard.testkit.FreePort;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every bus address × every principal × every bridge operation, on both bridges, through real
 * sockets: the bridges allow exactly what {@link BrowserAccess} (SockJS) and the agent rules (TCP)
 * say, nothing else. A REGISTER is proven by a message arriving or by the bridge's error frame; a
 * SEND by the stand-in service's reply (carrying the verified identity) or by the error frame; so
 * every cell ends on something observed, never on a timeout.
 */
class BridgeAccessMatrixTest {
  private static final String SECRET = "matrix-test-jwt-secret-0123456789-abcdefghij";
  private static final String AGENT_KEY = "matrix-agent-key";
  /** an agent key whose name is in tcp.bridge.observers: the room observer's credential */
  private static final String OBSERVER_KEY = "matrix-observer-key";
  private static final String ROOM = "room-7";
  private static Vertx vertx;
  private static int httpPort;
  private static int tcpPort;
  /** stand-in services: every SEND that reaches the bus lands here with its headers */
  private static final Map<String, List<JsonObject>> served = new ConcurrentHashMap<>();
  private static final List<MessageConsumer<Object>> consumers = new ArrayList<>();

  /** The fan-out addresses: the only ones a bridge client may ever consume. */
  private static final List<String> PUBLISHED =
      List.of(Addresses.CALLS_ACTIVE, Addresses.ALERTS, Addresses.call(ROOM), Addresses.callDebug(ROOM), Addresses.agentControl(ROOM));

  /**
   * Every address of the contract: each fixed constant (found by reflection, so a new address
   * joins the matrix by itself), each control action, each verticle's health probe, and the
   * generated room addresses.
   */
  static List<String> everyAddress() throws Exception {
    List<String> all = new ArrayList<>();
    for (java.lang.reflect.Field f : Addresses.class.getFields()) {
      if (f.getType() == String.class && !f.getName().endsWith("_REGEX") && !f.getName().endsWith("_PREFIX")) {
        all.add((String) f.get(null));
      }
    }
    for (String action : List.of("listen", "guide", "takeover", "handback", "transfer", "end")) {
      all.add(Addresses.CONTROL_PREFIX + action);
    }
    for (VerticleName v : VerticleName.values()) {
      all.add(Addresses.health(v));
    }
    all.addAll(List.of(Addresses.call(ROOM), Addresses.callDebug(ROOM), Addresses.agentControl(ROOM)));
    return all;
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    tcpPort = FreePort.get();
    JsonObject config =
        new JsonObject()
            .put("http.port", 0)
            .put("http.host", "127.0.0.1")
            .put("tcp.bridge.port", tcpPort)
            .put("health.expect", "gateway")
            .put("agent.keys.matrix", AGENT_KEY)
            .put("agent.keys.watcher", OBSERVER_KEY)
            .put("tcp.bridge.observers", "watcher")
            .put("auth.jwt.secret", SECRET)
            .put("auth.demo.users", true);
    vertx.deployVerticle(new GatewayVerticle(), new io.vertx.core.DeploymentOptions().setConfig(config)).await(20, TimeUnit.SECONDS);
    httpPort = (Integer) vertx.sharedData().getLocalMap(GatewayVerticle.NODE_MAP).get("http.port");
    for (String address : everyAddress()) {
      MessageConsumer<Object> c = vertx.eventBus().consumer(address, BridgeAccessMatrixTest::serve);
      c.completion().await(5, TimeUnit.SECONDS);
      consumers.add(c);
    }
  }

  private static void serve(Message<Object> m) {
    if (!(m.body() instanceof JsonObject body) || !body.containsKey("matrix")) {
      return; // a probe published by this test, or the gateway's own traffic
    }
    JsonObject headers = new JsonObject();
    m.headers().forEach(e -> headers.put(e.getKey(), e.getValue()));
    served.computeIfAbsent(m.address(), a -> new CopyOnWriteArrayList<>()).add(headers);
    if (m.replyAddress() != null) {
      m.reply(new JsonObject().put("served", m.address()).put("headers", headers));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  // ---- principals -------------------------------------------------------------------------------

  private static String login(String user) throws Exception {
    WebClient web = WebClient.create(vertx);
    try {
      var r = web.post(httpPort, "127.0.0.1", "/auth/login")
          .sendJsonObject(new JsonObject().put("username", user).put("password", user + "-demo"))
          .await(10, TimeUnit.SECONDS);
      assertEquals(200, r.statusCode(), r.bodyAsString());
      return r.bodyAsJsonObject().getString("token");
    } finally {
      web.close();
    }
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String signed(String header, String payload, String secret) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String unsigned = b64(header) + "." + b64(payload);
    return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
  }

  /** A browser principal: its Authorization header (null = none) and the role it really has. */
  record Principal(String name, String authorization, Role role) {}

  static List<Principal> browserPrincipals() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    String adminClaims = "{\"sub\":\"admin\",\"role\":\"admin\",\"iss\":\"switchboard\",\"iat\":" + (now - 7200) + ",\"exp\":" + (now - 3600) + "}";
    String liveAdminClaims = "{\"sub\":\"admin\",\"role\":\"admin\",\"iss\":\"switchboard\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
    String viewer = login("viewer");
    // a viewer's token whose payload is swapped for admin claims: the signature no longer matches
    String[] parts = viewer.split("\\.");
    String tampered = parts[0] + "." + b64(liveAdminClaims) + "." + parts[2];
    String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(liveAdminClaims) + ".";
    return List.of(
        new Principal("anonymous", null, null),
        new Principal("garbage", "Bearer not-a-jwt", null),
        new Principal("expired admin", "Bearer " + signed("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", adminClaims, SECRET), null),
        new Principal("admin signed with another secret", "Bearer " + signed("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", liveAdminClaims, SECRET + "x"), null),
        new Principal("tampered viewer", "Bearer " + tampered, null),
        new Principal("alg none admin", "Bearer " + none, null),
        new Principal("agent key as JWT", "Bearer " + AGENT_KEY, null),
        new Principal("viewer", "Bearer " + viewer, Role.VIEWER),
        new Principal("supervisor", "Bearer " + login("supervisor"), Role.SUPERVISOR),
        new Principal("admin", "Bearer " + login("admin"), Role.ADMIN));
  }

  /**
   * What BrowserAccess grants the principal, and never a consumer on a point-to-point address
   * (that invariant stands on its own: a rule table that admitted one would still fail here).
   */
  private static boolean browserMayUse(Principal p, String address, Direction direction) {
    if (direction == Direction.RECEIVE && !PUBLISHED.contains(address)) {
      return false;
    }
    return p.role() != null
        && BrowserAccess.ruleFor(address, direction).map(r -> p.role().ordinal() >= r.minimumRole().ordinal()).orElse(false);
  }

  // ---- SockJS bridge ------------------------------------------------------------------------------

  /** A raw bridge socket (SockJS's websocket transport): frames in, frames out, in order. */
  static final class RawSockJs implements AutoCloseable {
    final io.vertx.core.http.WebSocket ws;
    final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();

    RawSockJs() throws Exception {
      ws = vertx.createWebSocketClient()
          .connect(httpPort, "127.0.0.1", "/eventbus/websocket")
          .await(5, TimeUnit.SECONDS);
      // the raw transport sends bridge frames as text or as binary messages
      ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
      ws.binaryMessageHandler(b -> frames.add(new JsonObject(b.toString(StandardCharsets.UTF_8))));
    }

    void send(JsonObject frame) {
      ws.writeTextMessage(frame.encode());
    }

    /** The next frame that is not a late register probe, failing the test when none comes within 5 s. */
    JsonObject next() throws InterruptedException {
      return nextFrame(frames, "SockJS");
    }

    @Override
    public void close() {
      ws.close();
    }
  }

  private static JsonObject nextFrame(LinkedBlockingQueue<JsonObject> frames, String bridge) throws InterruptedException {
    while (true) {
      JsonObject f = frames.poll(5, TimeUnit.SECONDS);
      if (f == null) {
        throw new AssertionError("no frame from the " + bridge + " bridge within 5 s");
      }
      Object body = f.getValue("body");
      if (!(body instanceof JsonObject b && b.containsKey("probe"))) {
        return f;
      }
    }
  }

  private static JsonObject withAuth(JsonObject frame, Principal p) {
    if (p.authorization() != null) {
      // forged identity headers ride along: the bridge must replace them
      frame.put("headers", new JsonObject().put("authorization", p.authorization()).put(CallerHeaders.USER, "forged").put(CallerHeaders.ROLE, "admin"));
    }
    return frame;
  }

  /** REGISTER: true when messages published on the address reach the socket, false on the bridge's error. */
  private static boolean sockJsRegister(RawSockJs s, Principal p, String address) throws Exception {
    s.send(withAuth(new JsonObject().put("type", "register").put("address", address), p));
    long deadline = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < deadline) {
      vertx.eventBus().publish(address, new JsonObject().put("probe", address));
      JsonObject f = s.frames.poll(20, TimeUnit.MILLISECONDS);
      if (f == null) {
        continue;
      }
      if ("err".equals(f.getString("type"))) {
        return false;
      }
      if ("rec".equals(f.getString("type")) && address.equals(f.getString("address"))) {
        // unregister so the next cell starts clean; drain probes still in flight
        s.send(withAuth(new JsonObject().put("type", "unregister").put("address", address), p));
        drain(s);
        return true;
      }
    }
    throw new AssertionError(p.name() + " REGISTER " + address + ": neither a message nor an error");
  }

  private static void drain(RawSockJs s) throws InterruptedException {
    // a ping answers nothing; a request to the stand-in calls.snapshot service marks the end
    JsonObject marker = new JsonObject().put("type", "send").put("address", "matrix.none").put("replyAddress", "drain");
    s.send(marker);
    while (true) {
      JsonObject f = s.next();
      if ("err".equals(f.getString("type"))) {
        return; // matrix.none is not permitted: its denial comes after everything queued before it
      }
    }
  }

  /** SEND with a reply address: the stand-in service's reply, or null when the bridge refused. */
  private static JsonObject sockJsSend(RawSockJs s, Principal p, String address) throws Exception {
    s.send(withAuth(new JsonObject().put("type", "send").put("address", address).put("replyAddress", "r-" + address).put("body", new JsonObject().put("matrix", true)), p));
    JsonObject f = s.next();
    if ("rec".equals(f.getString("type")) && ("r-" + address).equals(f.getString("address"))) {
      return f.getJsonObject("body");
    }
    assertEquals("err", f.getString("type"), "SEND " + address + " by " + p.name() + ": " + f);
    return null;
  }

  @Test
  void sockJsBridgeAllowsExactlyWhatBrowserAccessSays() throws Exception {
    List<String> wrong = new ArrayList<>();
    int cells = 0;
    for (Principal p : browserPrincipals()) {
      try (RawSockJs s = new RawSockJs()) {
        for (String address : everyAddress()) {
          boolean registered = sockJsRegister(s, p, address);
          if (registered != browserMayUse(p, address, Direction.RECEIVE)) {
            wrong.add(p.name() + " REGISTER " + address + " → " + (registered ? "allowed" : "denied"));
          }
          JsonObject reply = sockJsSend(s, p, address);
          if ((reply != null) != browserMayUse(p, address, Direction.SEND)) {
            wrong.add(p.name() + " SEND " + address + " → " + (reply != null ? "allowed" : "denied"));
          }
          if (reply != null) {
            JsonObject h = reply.getJsonObject("headers");
            String expectedUser = p.role().id(); // demo users are named after their role
            if (!expectedUser.equals(h.getString(CallerHeaders.USER)) || !p.role().id().equals(h.getString(CallerHeaders.ROLE)) || h.containsKey("authorization")) {
              wrong.add(p.name() + " SEND " + address + " reached the service with headers " + h);
            }
          }
          int before = served.getOrDefault(address, List.of()).size();
          s.send(withAuth(new JsonObject().put("type", "publish").put("address", address).put("body", new JsonObject().put("matrix", true)), p));
          JsonObject f = s.next();
          if (!"err".equals(f.getString("type")) || served.getOrDefault(address, List.of()).size() != before) {
            wrong.add(p.name() + " PUBLISH " + address + " → allowed (" + f + ")");
          }
          cells += 3;
        }
      }
    }
    assertEquals(List.of(), wrong);
    assertTrue(cells >= 3 * 10 * 25, "cells walked: " + cells);
  }

  @Test
  void aStolenReplyAddressCannotBeAnswered() throws Exception {
    // a service asks something of a client and waits; another client learns the reply address
    List<Message<Object>> pending = new CopyOnWriteArrayList<>();
    MessageConsumer<Object> service = vertx.eventBus().consumer("matrix.victim", pending::add);
    service.completion().await(5, TimeUnit.SECONDS);
    try {
      var answer = vertx.eventBus().request("matrix.victim", new JsonObject(), new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(8000));
      long deadline = System.currentTimeMillis() + 5000;
      while (pending.isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.onSpinWait();
      }
      Message<Object> victim = pending.get(0);
      // the requester's own reply address, as an attacker who saw it would use it
      String stolen = victim.replyAddress();
      for (Principal p : browserPrincipals()) {
        try (RawSockJs s = new RawSockJs()) {
          s.send(withAuth(new JsonObject().put("type", "send").put("address", stolen).put("body", new JsonObject().put("forged", p.name())), p));
          JsonObject f = s.next();
          assertEquals("err", f.getString("type"), p.name() + " answered a stolen reply address: " + f);
        }
      }
      try (RawTcp t = new RawTcp()) {
        t.send(new JsonObject().put("type", "send").put("address", stolen).put("headers", new JsonObject().put("token", AGENT_KEY)).put("body", new JsonObject().put("forged", "agent")));
        assertEquals("err", t.next().getString("type"));
      }
      victim.reply(new JsonObject().put("genuine", true));
      assertEquals(new JsonObject().put("genuine", true), answer.await(5, TimeUnit.SECONDS).body());
    } finally {
      service.unregister();
    }
  }

  // ---- TCP bridge ---------------------------------------------------------------------------------

  /** A raw TCP event-bus bridge socket: 4-byte big-endian length, then the JSON frame. */
  static final class RawTcp implements AutoCloseable {
    final NetSocket socket;
    final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private Buffer pending = Buffer.buffer();

    RawTcp() throws Exception {
      socket = vertx.createNetClient().connect(tcpPort, "127.0.0.1").await(5, TimeUnit.SECONDS);
      socket.handler(this::onData);
    }

    private synchronized void onData(Buffer data) {
      pending.appendBuffer(data);
      while (pending.length() >= 4 && pending.length() >= 4 + pending.getInt(0)) {
        int len = pending.getInt(0);
        frames.add(new JsonObject(pending.getString(4, 4 + len)));
        pending = pending.getBuffer(4 + len, pending.length());
      }
    }

    void send(JsonObject frame) {
      byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
      socket.write(Buffer.buffer().appendInt(json.length).appendBytes(json));
    }

    JsonObject next() throws InterruptedException {
      return nextFrame(frames, "TCP");
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  private static boolean tcpRegister(RawTcp t, JsonObject headers, String address) throws Exception {
    t.send(new JsonObject().put("type", "register").put("address", address).put("headers", headers));
    long deadline = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < deadline) {
      vertx.eventBus().publish(address, new JsonObject().put("probe", address));
      JsonObject f = t.frames.poll(20, TimeUnit.MILLISECONDS);
      if (f == null) {
        continue;
      }
      if ("err".equals(f.getString("type"))) {
        return false;
      }
      if ("message".equals(f.getString("type")) && address.equals(f.getString("address"))) {
        t.send(new JsonObject().put("type", "unregister").put("address", address).put("headers", headers));
        // ping → pong marks the end of the probes still in flight
        t.send(new JsonObject().put("type", "ping"));
        while (!"pong".equals(t.next().getString("type"))) {
          // drain
        }
        return true;
      }
    }
    throw new AssertionError("TCP REGISTER " + address + ": neither a message nor an error");
  }

  @Test
  void tcpBridgeLetsOnlyAnAgentKeySendEventsAndReceiveControl() throws Exception {
    String viewerJwt = login("viewer");
    Map<String, JsonObject> principals = new java.util.LinkedHashMap<>();
    principals.put("anonymous", new JsonObject());
    principals.put("wrong key", new JsonObject().put("token", AGENT_KEY + "x"));
    principals.put("viewer JWT", new JsonObject().put("token", viewerJwt).put("authorization", "Bearer " + viewerJwt));
    principals.put("agent key", new JsonObject().put("token", AGENT_KEY));
    principals.put("observer key", new JsonObject().put("token", OBSERVER_KEY));
    List<String> observerSends = List.of(Addresses.OBSERVER_TOKEN, Addresses.OBSERVER_ROOMS, Addresses.CALLS_SNAPSHOT);
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, JsonObject> e : principals.entrySet()) {
      boolean observer = e.getKey().equals("observer key");
      boolean agent = e.getKey().equals("agent key") || observer;
      try (RawTcp t = new RawTcp()) {
        for (String address : everyAddress()) {
          boolean registered = tcpRegister(t, e.getValue(), address);
          boolean mayRegister =
              agent && address.equals(Addresses.agentControl(ROOM)) || observer && address.equals(Addresses.CALLS_ACTIVE);
          if (registered != mayRegister) {
            wrong.add(e.getKey() + " REGISTER " + address + " → " + (registered ? "allowed" : "denied"));
          }
          t.send(new JsonObject().put("type", "send").put("address", address).put("replyAddress", "r1").put("headers", e.getValue().copy().put(CallEvent.HEADER_SOURCE, "forged")).put("body", new JsonObject().put("matrix", true)));
          JsonObject f = t.next();
          boolean sent = "message".equals(f.getString("type"));
          boolean maySend = agent && address.equals(Addresses.INGEST_CALL_EVENT) || observer && observerSends.contains(address);
          if (sent != maySend) {
            wrong.add(e.getKey() + " SEND " + address + " → " + (sent ? "allowed" : "denied") + " " + f);
          }
          if (sent && observerSends.contains(address)) {
            // only the bridge's stamp reaches control: no key, no forged source
            JsonObject h = f.getJsonObject("body").getJsonObject("headers");
            if (!new JsonObject().put(io.switchboard.contract.observer.ObserverTokenRequest.HEADER_OBSERVER, "watcher").equals(h)) {
              wrong.add(e.getKey() + " SEND " + address + " reached control with headers " + h);
            }
          } else if (sent) {
            JsonObject h = f.getJsonObject("body").getJsonObject("headers");
            if (!CallEvent.SOURCE_AGENT.equals(h.getString(CallEvent.HEADER_SOURCE)) || !e.getValue().getString("token").equals(h.getString(CallEvent.HEADER_API_KEY))) {
              wrong.add(e.getKey() + " SEND " + address + " reached ingest with headers " + h);
            }
          }
          int before = served.getOrDefault(address, List.of()).size();
          t.send(new JsonObject().put("type", "publish").put("address", address).put("headers", e.getValue()).put("body", new JsonObject().put("matrix", true)));
          JsonObject pf = t.next();
          if (!"err".equals(pf.getString("type")) || served.getOrDefault(address, List.of()).size() != before) {
            wrong.add(e.getKey() + " PUBLISH " + address + " → allowed");
          }
        }
      }
    }
    assertEquals(List.of(), wrong);
  }
}
