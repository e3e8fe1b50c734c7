package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.testkit.BridgeClient;
import io.switchboard.testkit.TestRedis;
import io.switchboard.testkit.WebhookSigner;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import livekit.LivekitModels;
import livekit.LivekitWebhook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What FuzzTest found, one regression test each (the fuzz run itself is too big for a quick check). */
@ExtendWith(VertxExtension.class)
class FuzzFindingsTest {
  private static final String LK_KEY = "findings-key";
  private static final String LK_SECRET = "findings-secret-0123456789-0123456789";
  private static final List<Throwable> UNHANDLED = new CopyOnWriteArrayList<>();
  private static TestRedis redis;
  private static TestNode node;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    redis = TestRedis.start();
    node = TestNode.start(redis.url(), "gateway,ingest,debouncer,webhook-receiver",
        new JsonObject().put("livekit.api.key", LK_KEY).put("livekit.api.secret", LK_SECRET).put("reconcile.period.s", 0));
    node.node().vertx().exceptionHandler(UNHANDLED::add);
  }

  @AfterAll
  static void stop() {
    node.close();
    redis.close();
  }

  /** A signed webhook about a room whose name Switchboard cannot host answered 503 (ingest refused the name). */
  @Test
  void aSignedWebhookForARoomNameSwitchboardNeverTracksIsIgnoredNotA5xx() throws Exception {
    for (String room : List.of("has space", "ü-ümlaut", "x".repeat(200), "")) {
      String body = WebhookSigner.body(LivekitWebhook.WebhookEvent.newBuilder().setEvent("room_finished").setId("wh-" + room.hashCode())
          .setRoom(LivekitModels.Room.newBuilder().setName(room).setSid("RM_1")).setCreatedAt(System.currentTimeMillis() / 1000).build());
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/livekit/webhook"))
          .header("Content-Type", "application/webhook+json").header("Authorization", WebhookSigner.sign(body, LK_KEY, LK_SECRET))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), room + ": " + r.body());
      assertTrue(new JsonObject(r.body()).containsKey("ignored"), r.body());
    }
  }

  /** A sentiment event whose {@code call} was not an object made ingest throw without answering (503 after 3 s). */
  @Test
  void sentimentDataOfTheWrongShapeGetsA400() throws Exception {
    post(new JsonObject().put("room_name", "findings-s").put("session_id", "s-1").put("event_type", "call_started").put("data", new JsonObject()), 202);
    for (Object call : new Object[] {-1.0, "x", new JsonObject().put("score", "high"), new JsonObject().put("escalations", 3)}) {
      post(new JsonObject().put("room_name", "findings-s").put("session_id", "s-1").put("event_type", "sentiment")
          .put("data", new JsonObject().put("seq", 1).put("label", "negative").put("call", call)), 400);
    }
    post(new JsonObject().put("room_name", "findings-s").put("session_id", "s-1").put("event_type", "sentiment")
        .put("data", new JsonObject().put("seq", 1).put("label", "negative").put("new_escalations", "x")), 400);
  }

  private void post(JsonObject event, int expected) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/call-event"))
        .header("Content-Type", "application/json").header("X-API-Key", TestNode.AGENT_KEY)
        .POST(HttpRequest.BodyPublishers.ofString(event.encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(expected, r.statusCode(), event.encode() + " → " + r.body());
  }

  /** A request line over the codec's limit got Vert.x's bare 414 with an empty body. */
  @Test
  void aRequestTheCodecCannotDecodeGetsAJsonError() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/api/calls/" + "a".repeat(9000))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(414, r.statusCode());
    JsonObject error = new JsonObject(r.body());
    assertEquals("uri_too_long", error.getString("error"));
  }

  /** A SEND whose socket closed while its token was being checked made the SockJS bridge throw (NPE). */
  @Test
  void aSocketClosedWhileItsFrameIsCheckedThrowsNothing(Vertx vertx) throws Exception {
    String viewer = node.login(vertx, "viewer");
    WebSocketClient ws = vertx.createWebSocketClient();
    String frame = new JsonObject().put("type", "send").put("address", Addresses.CALLS_SNAPSHOT).put("body", new JsonObject())
        .put("replyAddress", "r").put("headers", new JsonObject().put("authorization", "Bearer " + viewer)).encode();
    for (int i = 0; i < 100; i++) {
      WebSocket socket = ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port()).setURI("/eventbus/websocket"))
          .await(5, TimeUnit.SECONDS);
      socket.writeTextMessage(frame);
      socket.close();
    }
    ws.close();
    // a request on a fresh socket is answered after the others' checks: the marker that they are all done
    BridgeClient fresh = node.bridge(vertx, "viewer");
    assertTrue(fresh.request(Addresses.CALLS_SNAPSHOT, new JsonObject()).await(10, TimeUnit.SECONDS).containsKey("calls"));
    fresh.close();
    assertTrue(UNHANDLED.isEmpty(), "unhandled in the node: " + UNHANDLED);
  }
}
