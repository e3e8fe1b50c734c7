package io.switchboard.gateway;

import io.switchboard.contract.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Writes each {@code calls.active} delta to every bridge socket that registered for it, encoded
 * once per message (and once more, redacted, when a viewer is among them) instead of once per
 * socket. Every dashboard registers for the call list, so at 200 dashboards the bridge's own
 * delivery — an event-bus consumer per socket, an envelope, a bridge event and a JSON encoding of
 * the same 5–15 KB for each — was a fifth of the node's CPU (bench/BOTTLENECKS.md, docs/architecture.md#bridge).
 *
 * <p>The bridge still authorises every REGISTER (token, role) and answers it as before; a granted
 * {@code calls.active} registration is then pointed at {@link #SINK}, an address nothing publishes
 * to, so the library keeps its bookkeeping (one registration per address, unregister, max handlers)
 * while this class delivers. A socket gets the frame the library would have written: {@code type
 * rec}, the address {@code calls.active}, the body, the headers if any. Messages that wait for a
 * reply are not a browser's to see and are skipped, as the bridge guard does.
 */
final class ListFanOut {
  /** Where a granted {@code calls.active} registration of the SockJS library goes: never published to. */
  static final String SINK = "gateway.bridge.calls.active.sink";

  private final Set<SockJSSocket> sockets = ConcurrentHashMap.newKeySet();
  private final Predicate<Object> isViewer;
  private final BridgeBodies bodies;
  private final MessageConsumer<Object> consumer;
  private long framesWritten;

  /** Call on the gateway's event loop: the consumer runs on that loop, with the sockets. */
  ListFanOut(Vertx vertx, BridgeBodies bodies, Predicate<Object> isViewer) {
    this.bodies = bodies;
    this.isViewer = isViewer;
    this.consumer = vertx.eventBus().consumer(Addresses.CALLS_ACTIVE, this::deliver);
  }

  Future<Void> ready() {
    return consumer.completion();
  }

  void add(SockJSSocket socket) {
    sockets.add(socket);
  }

  void remove(SockJSSocket socket) {
    sockets.remove(socket);
  }

  int sockets() {
    return sockets.size();
  }

  long framesWritten() {
    return framesWritten;
  }

  private void deliver(Message<Object> msg) {
    if (msg.replyAddress() != null || sockets.isEmpty()) {
      return;
    }
    Buffer plain = null;
    Buffer redacted = null;
    // registered and closed on the sockets' own loop; a concurrent set whatever thread this runs on
    for (SockJSSocket socket : sockets) {
      Buffer frame;
      if (isViewer.test(socket)) {
        frame = redacted != null ? redacted : (redacted = frame(msg, true));
      } else {
        frame = plain != null ? plain : (plain = frame(msg, false));
      }
      framesWritten++;
      socket.write(frame).onFailure(closed -> { }); // closed meanwhile: its SOCKET_CLOSED removes it
    }
  }

  private Buffer frame(Message<Object> msg, boolean viewer) {
    Object body = msg.body() instanceof JsonObject json ? bodies.forSocket(Addresses.CALLS_ACTIVE, json, viewer) : msg.body();
    JsonObject envelope = new JsonObject().put("type", "rec").put("address", Addresses.CALLS_ACTIVE).put("body", body);
    if (msg.headers() != null && !msg.headers().isEmpty()) {
      JsonObject headers = new JsonObject();
      for (String name : msg.headers().names()) {
        List<String> values = msg.headers().getAll(name);
        headers.put(name, values.size() == 1 ? values.get(0) : values);
      }
      envelope.put("headers", headers);
    }
    return envelope.toBuffer();
  }
}
