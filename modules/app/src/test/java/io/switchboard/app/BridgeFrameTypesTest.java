package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.testkit.FreePort;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzz finding, kept as a regression test: bridge frames whose {@code headers}, {@code authorization},
 * {@code token} or {@code address} have the wrong JSON type made the bridges' guards throw, so the
 * frame was never answered and the socket hung for every later request. Each such frame must be
 * denied and the same socket must keep answering.
 */
@ExtendWith(VertxExtension.class)
class BridgeFrameTypesTest {
  private static final List<JsonObject> BAD = List.of(
      frame().put("headers", "not an object"),
      frame().put("headers", new JsonArray().add(1)),
      frame().put("headers", new JsonObject().put("authorization", 42).put("token", new JsonObject())),
      frame().put("address", 7),
      frame().put("address", new JsonObject()));
  private static TestRedis redis;
  private static TestNode node;
  private static int tcpPort;
  private static String viewer;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    redis = TestRedis.start();
    tcpPort = FreePort.get();
    node = TestNode.start(redis.url(), "gateway,ingest,debouncer", new JsonObject().put("tcp.bridge.port", tcpPort));
    viewer = node.login(vertx, "viewer");
  }

  @AfterAll
  static void stop() {
    node.close();
    redis.close();
  }

  private static JsonObject frame() {
    return new JsonObject().put("type", "send").put("address", Addresses.CALLS_SNAPSHOT).put("body", new JsonObject()).put("replyAddress", "bad");
  }

  @Test
  void sockJsSocketKeepsAnsweringAfterFramesOfTheWrongShape(Vertx vertx) throws Exception {
    WebSocketClient ws = vertx.createWebSocketClient();
    WebSocket socket = ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port()).setURI("/eventbus/websocket"))
        .await(5, TimeUnit.SECONDS);
    java.util.Map<String, Promise<Void>> answers = new java.util.concurrent.ConcurrentHashMap<>();
    // the raw SockJS transport sends a bridge message as text or as binary
    io.vertx.core.Handler<String> onFrame = text -> {
      JsonObject f = new JsonObject(text);
      Promise<Void> p = f.getValue("address") instanceof String a ? answers.get(a) : null;
      if (p != null) {
        p.tryComplete();
      }
    };
    socket.textMessageHandler(onFrame);
    socket.binaryMessageHandler(b -> onFrame.handle(b.toString(StandardCharsets.UTF_8)));
    for (int i = 0; i <= BAD.size(); i++) {
      if (i > 0) {
        socket.writeTextMessage(BAD.get(i - 1).encode());
      }
      Promise<Void> answered = Promise.promise();
      answers.put("good-" + i, answered);
      socket.writeTextMessage(frame().put("replyAddress", "good-" + i).put("headers", new JsonObject().put("authorization", "Bearer " + viewer)).encode());
      try {
        answered.future().await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError("no answer after " + (i == 0 ? "no bad frame" : BAD.get(i - 1).encode()), e);
      }
    }
    socket.close();
    ws.close();
  }

  @Test
  void tcpConnectionKeepsAnsweringAfterFramesOfTheWrongShape(Vertx vertx) throws Exception {
    NetSocket socket = vertx.createNetClient().connect(tcpPort, "127.0.0.1").await(5, TimeUnit.SECONDS);
    Promise<Void> answered = Promise.promise();
    RecordParser parser = RecordParser.newFixed(4);
    int[] size = {-1};
    parser.handler(b -> {
      if (size[0] < 0) {
        size[0] = b.getInt(0);
        parser.fixedSizeMode(size[0]);
      } else {
        if (b.toString(StandardCharsets.UTF_8).contains("\"good\"")) {
          answered.tryComplete();
        }
        size[0] = -1;
        parser.fixedSizeMode(4);
      }
    });
    socket.handler(parser);
    for (JsonObject bad : BAD) {
      socket.write(tcp(bad.copy().put("address", bad.getValue("address") instanceof String ? Addresses.INGEST_CALL_EVENT : bad.getValue("address"))));
    }
    JsonObject event = new JsonObject().put("room_name", "frame-types").put("session_id", "s-1").put("event_type", "call_started").put("data", new JsonObject());
    socket.write(tcp(new JsonObject().put("type", "send").put("address", Addresses.INGEST_CALL_EVENT).put("replyAddress", "good")
        .put("headers", new JsonObject().put("token", TestNode.AGENT_KEY)).put("body", event)));
    answered.future().await(10, TimeUnit.SECONDS);
    assertTrue(answered.future().succeeded());
    socket.close();
  }

  private static Buffer tcp(JsonObject frame) {
    byte[] b = frame.encode().getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer().appendInt(b.length).appendBytes(b);
  }
}
