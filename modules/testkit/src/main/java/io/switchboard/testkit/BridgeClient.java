package io.switchboard.testkit;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real event-bus bridge client for tests speaking the Vert.x bridge protocol (register, send with
 * reply address, ping) over one of SockJS's two WebSocket transports ({@link Transport}). Errors the
 * bridge sends ({@code type: err}) are collected in {@link #errors()}.
 */
public final class BridgeClient implements AutoCloseable {
  /** How bridge messages travel on the WebSocket. */
  public enum Transport {
    /** {@code /eventbus/websocket}: one WebSocket message per bridge message, as written. */
    RAW,
    /**
     * {@code /eventbus/<server>/<session>/websocket}, SockJS's framing as the sockjs-client library
     * speaks it: {@code o} on open, {@code h} heartbeats, messages as JSON string arrays {@code
     * a["…"]} both ways, {@code c[code,"reason"]} on close.
     */
    SOCKJS
  }

  private final Vertx vertx;
  private final WebSocketClient client;
  private final WebSocket socket;
  private final JsonObject headers;
  private final Transport transport;
  private final Map<String, List<Handler<JsonObject>>> handlers = new ConcurrentHashMap<>();
  private final Map<String, Promise<JsonObject>> replies = new ConcurrentHashMap<>();
  private final List<JsonObject> errors = new CopyOnWriteArrayList<>();
  private final long pinger;
  private final java.util.concurrent.atomic.AtomicLong charsReceived = new java.util.concurrent.atomic.AtomicLong();
  private volatile java.util.function.Predicate<String> parseOnly = text -> true;

  private BridgeClient(Vertx vertx, WebSocketClient client, WebSocket socket, JsonObject headers, Transport transport) {
    this.vertx = vertx;
    this.client = client;
    this.socket = socket;
    this.headers = headers;
    this.transport = transport;
    // whole messages, not frames (a 2,000-line history spans many frames); the raw SockJS
    // transport may send a bridge message as text or as binary
    Handler<String> messages = transport == Transport.RAW ? this::onFrame : this::onSockJsFrame;
    socket.textMessageHandler(messages);
    socket.binaryMessageHandler(buffer -> messages.handle(buffer.toString()));
    pinger = vertx.setPeriodic(5000, id -> send(new JsonObject().put("type", "ping")));
  }

  public static Future<BridgeClient> connect(Vertx vertx, int port) {
    return connect(vertx, port, new JsonObject());
  }

  /** headers are attached to every frame (e.g. {@code authorization: Bearer …}). */
  public static Future<BridgeClient> connect(Vertx vertx, int port, JsonObject headers) {
    return connect(vertx, port, headers, Transport.RAW);
  }

  public static Future<BridgeClient> connect(Vertx vertx, int port, JsonObject headers, Transport transport) {
    // a 2,000-line history is one message of several hundred KB
    WebSocketClient client = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions().setMaxMessageSize(64 * 1024 * 1024));
    String uri = transport == Transport.RAW
        ? "/eventbus/websocket"
        : "/eventbus/" + ThreadLocalRandom.current().nextInt(100, 1000) + "/" + UUID.randomUUID().toString().replace("-", "") + "/websocket";
    return client
        .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri))
        .map(ws -> new BridgeClient(vertx, client, ws, headers, transport));
  }

  /** Registers and resolves when the bridge has had time to answer (errors go to errors()). */
  public Future<Void> register(String address, Handler<JsonObject> handler) {
    handlers.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>()).add(handler);
    send(new JsonObject().put("type", "register").put("address", address));
    Promise<Void> p = Promise.promise();
    // the bridge confirms nothing on success; a ping round-trip orders us after the REGISTER
    roundTrip().onComplete(ar -> p.complete());
    return p.future();
  }

  /** Stops this client's handlers for {@code address} and tells the bridge (ordered like {@link #register}). */
  public Future<Void> unregister(String address) {
    handlers.remove(address);
    send(new JsonObject().put("type", "unregister").put("address", address));
    return roundTrip();
  }

  /** A request with a reply; fails with the bridge's failure message. */
  public Future<JsonObject> request(String address, JsonObject body) {
    String replyAddress = UUID.randomUUID().toString();
    Promise<JsonObject> p = Promise.promise();
    replies.put(replyAddress, p);
    send(new JsonObject().put("type", "send").put("address", address).put("body", body).put("replyAddress", replyAddress));
    vertx.setTimer(10_000, t -> {
      Promise<JsonObject> stale = replies.remove(replyAddress);
      if (stale != null) {
        stale.tryFail("no reply from " + address);
      }
    });
    return p.future();
  }

  private Future<Void> roundTrip() {
    Promise<Void> p = Promise.promise();
    send(new JsonObject().put("type", "ping"));
    vertx.setTimer(150, t -> p.complete());
    return p.future();
  }

  public List<JsonObject> errors() {
    return errors;
  }

  private void send(JsonObject frame) {
    if (!headers.isEmpty() && !"ping".equals(frame.getString("type"))) {
      frame.put("headers", headers);
    }
    String message = frame.encode();
    socket.writeTextMessage(transport == Transport.RAW ? message : new JsonArray().add(message).encode());
  }

  /** Characters of the bridge messages received so far (what the node wrote to this socket). */
  public long charsReceived() {
    return charsReceived.get();
  }

  /**
   * Messages for which {@code parse} is false are counted and dropped unparsed: a load generator's
   * hundreds of dashboards cannot afford to decode every {@code calls.active} delta they receive
   * only to look at the one call they watch (the node is measured, not the generator).
   */
  public void parseOnly(java.util.function.Predicate<String> parse) {
    this.parseOnly = parse;
  }

  /** A SockJS frame: the bridge messages of an {@code a} frame, one by one; open, heartbeat and close frames carry none. */
  private void onSockJsFrame(String frame) {
    if (frame.startsWith("a")) {
      for (Object message : new JsonArray(frame.substring(1))) {
        onFrame((String) message);
      }
    }
  }

  private void onFrame(String text) {
    charsReceived.addAndGet(text.length());
    if (!parseOnly.test(text)) {
      return;
    }
    JsonObject frame = new JsonObject(text);
    String type = frame.getString("type");
    if ("err".equals(type)) {
      String address = frame.getString("address");
      Promise<JsonObject> p = address == null ? null : replies.remove(address);
      if (p != null) {
        p.tryFail(frame.getString("message", frame.getString("body", "failed")));
      } else {
        errors.add(frame);
      }
      return;
    }
    if (!"rec".equals(type)) {
      return;
    }
    String address = frame.getString("address");
    Promise<JsonObject> reply = replies.remove(address);
    if (reply != null) {
      if (frame.containsKey("failureCode")) {
        reply.tryFail(frame.getInteger("failureCode") + " " + frame.getString("message"));
      } else {
        reply.tryComplete(frame.getJsonObject("body"));
      }
      return;
    }
    for (Handler<JsonObject> h : handlers.getOrDefault(address, List.of())) {
      h.handle(frame.getJsonObject("body"));
    }
  }

  public boolean isClosed() {
    return socket.isClosed();
  }

  @Override
  public void close() {
    vertx.cancelTimer(pinger);
    socket.close();
    client.close();
  }
}
