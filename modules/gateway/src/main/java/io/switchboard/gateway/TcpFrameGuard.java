package io.switchboard.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent TCP port: checks every frame before vertx-tcp-eventbus-bridge sees it, and forwards
 * the good ones to the bridge on a loopback port. The library throws on a frame whose {@code type}
 * it does not know and then never reads that connection again (a client that sent one typo'd frame
 * hangs on every later request). Here such a frame gets an {@code err} frame back and the connection
 * keeps working; framing that cannot be recovered from (a length beyond {@link #MAX_FRAME}, or
 * negative) gets an {@code err} frame and a clean close.
 */
final class TcpFrameGuard {
  private static final Logger LOG = LoggerFactory.getLogger(TcpFrameGuard.class);
  /** The frame types of the bridge protocol a client may send. */
  static final Set<String> CLIENT_TYPES = Set.of("send", "publish", "register", "unregister", "ping");
  static final int MAX_FRAME = 1024 * 1024;
  private final Vertx vertx;
  private final int bridgePort;
  private NetServer server;
  private NetClient client;

  TcpFrameGuard(Vertx vertx, int bridgePort) {
    this.vertx = vertx;
    this.bridgePort = bridgePort;
  }

  Future<Void> listen(String host, int port) {
    client = vertx.createNetClient();
    server = vertx.createNetServer().connectHandler(this::accept);
    return server.listen(port, host).mapEmpty();
  }

  Future<Void> close() {
    Future<Void> s = server == null ? Future.succeededFuture() : server.close();
    return s.eventually(() -> client == null ? Future.succeededFuture() : client.close());
  }

  private void accept(NetSocket agent) {
    agent.pause();
    client.connect(bridgePort, "127.0.0.1")
        .onFailure(err -> {
          LOG.atWarn().addKeyValue("error", err.getMessage()).log("agent bridge backend unreachable");
          agent.close();
        })
        .onSuccess(bridge -> {
          bridge.handler(agent::write);
          bridge.closeHandler(v -> agent.close());
          agent.closeHandler(v -> bridge.close());
          RecordParser frames = RecordParser.newFixed(4);
          int[] length = {-1};
          frames.handler(chunk -> {
            if (length[0] < 0) {
              int n = chunk.getInt(0);
              if (n < 0 || n > MAX_FRAME) {
                agent.write(errFrame("frame_too_large", "a frame may hold at most " + MAX_FRAME + " bytes"));
                agent.end().onComplete(v -> agent.close());
                return;
              }
              if (n == 0) {
                agent.write(errFrame("invalid_frame", "empty frame"));
                return;
              }
              length[0] = n;
              frames.fixedSizeMode(n);
            } else {
              length[0] = -1;
              frames.fixedSizeMode(4);
              forward(agent, bridge, chunk);
            }
          });
          agent.handler(frames);
          agent.resume();
        });
  }

  private void forward(NetSocket agent, NetSocket bridge, Buffer payload) {
    String problem = problem(payload);
    if (problem != null) {
      agent.write(errFrame("invalid_frame", problem));
      return;
    }
    bridge.write(Buffer.buffer(4 + payload.length()).appendInt(payload.length()).appendBuffer(payload));
    if (bridge.writeQueueFull()) {
      agent.pause();
      bridge.drainHandler(v -> agent.resume());
    }
  }

  /** Why the bridge must not see this frame, or null when it may. */
  static String problem(Buffer payload) {
    JsonObject frame;
    try {
      frame = new JsonObject(payload.toString(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return "a frame must be one JSON object";
    }
    if (!(frame.getValue("type") instanceof String t) || !CLIENT_TYPES.contains(t)) {
      return "unknown frame type; one of " + String.join(", ", CLIENT_TYPES.stream().sorted().toList());
    }
    // the library reads these with getString/getJsonObject and throws on another type
    for (String key : new String[] {"address", "replyAddress"}) {
      if (frame.getValue(key) != null && !(frame.getValue(key) instanceof String)) {
        return key + " must be a string";
      }
    }
    if (frame.getValue("headers") != null) {
      if (!(frame.getValue("headers") instanceof JsonObject headers)) {
        return "headers must be an object";
      }
      for (var e : headers) {
        if (!(e.getValue() instanceof String)) {
          return "header values must be strings";
        }
      }
    }
    return null;
  }

  static Buffer errFrame(String code, String message) {
    byte[] json = new JsonObject().put("type", "err").put("message", code).put("detail", message).encode().getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer(4 + json.length).appendInt(json.length).appendBytes(json);
  }
}
