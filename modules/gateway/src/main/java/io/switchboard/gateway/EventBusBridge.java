package io.switchboard.gateway;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.BrowserAccess;
import io.switchboard.contract.control.CallerHeaders;
import io.switchboard.redaction.LiveRedaction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SockJS event-bus bridge at {@code /eventbus/*}. Addresses come only from {@link
 * BrowserAccess#RULES}; every REGISTER and SEND must carry a valid JWT in
 * {@code headers.authorization} and the rule's role; a SEND leaves the gateway with the caller's
 * identity in {@link CallerHeaders} (any client-supplied headers are dropped). Browsers never
 * PUBLISH. Registrations on {@code call.<room>} feed {@link Presence}.
 */
final class EventBusBridge {
  private static final Logger LOG = LoggerFactory.getLogger(EventBusBridge.class);
  private final Vertx vertx;
  private final Tokens tokens;
  private final Presence presence;
  private final RoomWatchers watchers;
  private final GatewayMetrics metrics = new GatewayMetrics();
  private final LiveRedaction viewerRedaction;
  private final BridgeBodies bodies;
  private final ListFanOut list;
  /** The lowest role each socket has shown a token for: a socket that used a viewer token gets redacted lines. */
  private final Map<Object, BrowserAccess.Role> socketRoles = new ConcurrentHashMap<>();
  /**
   * Sockets neither closed nor failed. Approving a SEND or REGISTER of a socket the library has
   * already given up (its per-socket state is gone) made it throw: NPE in checkMaxHandlers.
   */
  private final java.util.Set<Object> openSockets = ConcurrentHashMap.newKeySet();

  EventBusBridge(Vertx vertx, Tokens tokens, Presence presence, RoomWatchers watchers, LiveRedaction viewerRedaction) {
    this.vertx = vertx;
    this.watchers = watchers;
    this.tokens = tokens;
    this.presence = presence;
    this.viewerRedaction = viewerRedaction;
    this.bodies = new BridgeBodies(viewerRedaction::redact);
    this.list = new ListFanOut(vertx, bodies, this::redactedFor);
  }

  /** Sockets the call list is written to now. */
  int callListSockets() {
    return list.sockets();
  }

  /** Resolves once the call-list fan-out consumes {@code calls.active}. */
  Future<Void> ready() {
    return list.ready();
  }

  Router router() {
    SockJSBridgeOptions options = new SockJSBridgeOptions().setPingTimeout(30_000);
    for (BrowserAccess.Rule rule : BrowserAccess.RULES) {
      PermittedOptions permitted = new PermittedOptions().setAddressRegex(rule.addressRegex());
      if (rule.direction() == BrowserAccess.Direction.RECEIVE) {
        options.addOutboundPermitted(permitted);
      } else {
        options.addInboundPermitted(permitted);
      }
    }
    // where granted calls.active registrations go (ListFanOut delivers); the guard lets no REGISTER name it
    options.addOutboundPermitted(new PermittedOptions().setAddress(ListFanOut.SINK));
    return SockJSHandler.create(vertx).bridge(options, this::guard);
  }

  private void guard(BridgeEvent be) {
    BridgeEventType type = be.type();
    metrics.bridge(type);
    switch (type) {
      case SOCKET_CREATED -> {
        openSockets.add(socketId(be));
        be.complete(true);
      }
      // after a socket error the library drops the socket's state but keeps the socket's data
      // handler: a REGISTER read afterwards reaches its own max-handlers check before any bridge
      // event, on the missing state (NPE in checkMaxHandlers). This event runs on the socket's
      // context right after that clean-up, so no frame is read in between: drop what follows, close.
      case SOCKET_ERROR -> {
        openSockets.remove(socketId(be));
        list.remove(be.socket());
        be.socket().handler(ignored -> { }); // not null: the raw WebSocket transport calls it unchecked
        be.socket().close();
        be.complete(true);
      }
      case SOCKET_CLOSED -> {
        openSockets.remove(socketId(be));
        list.remove(be.socket());
        presence.socketClosed(socketId(be));
        watchers.socketClosed(socketId(be));
        socketRoles.remove(socketId(be));
        be.complete(true);
      }
      case UNREGISTER -> {
        String address = address(be);
        if (Addresses.CALLS_ACTIVE.equals(address)) {
          list.remove(be.socket());
          be.getRawMessage().put("address", ListFanOut.SINK); // the registration the library made
        }
        String room = Addresses.roomOf(address);
        if (room != null) {
          presence.unregister(socketId(be), room);
          watchers.unregister(socketId(be), room);
        }
        be.complete(true);
      }
      case REGISTER, SEND -> authorize(be, type == BridgeEventType.REGISTER ? BrowserAccess.Direction.RECEIVE : BrowserAccess.Direction.SEND);
      case PUBLISH -> be.complete(false);
      // a browser only ever receives publishes and the replies to its own requests; a message that
      // waits for an answer would make the browser a service (defence behind the REGISTER rules)
      case RECEIVE -> {
        if (be.getRawMessage() == null || be.getRawMessage().containsKey("replyAddress")) {
          be.complete(be.getRawMessage() == null);
          return;
        }
        bodyOncePerMessage(be);
        be.complete(true);
      }
      default -> be.complete(true);
    }
  }

  private void authorize(BridgeEvent be, BrowserAccess.Direction direction) {
    JsonObject raw = be.getRawMessage();
    String address = address(be);
    BrowserAccess.Rule rule = BrowserAccess.ruleFor(address, direction).orElse(null);
    if (rule == null) {
      be.complete(false);
      return;
    }
    JsonObject headers = raw.getJsonObject("headers");
    String auth = headers == null ? null : headers.getString("authorization");
    tokens
        .verify(auth)
        .onFailure(err -> {
          LOG.atDebug().addKeyValue("address", address).addKeyValue("reason", err.getMessage()).log("bridge frame denied");
          be.complete(false);
        })
        .onSuccess(caller -> {
          if (!openSockets.contains(socketId(be))) {
            be.complete(false); // closed while its token was checked: nothing to deliver to
            return;
          }
          if (!caller.atLeast(rule.minimumRole())) {
            LOG.atInfo().addKeyValue("address", address).addKeyValue("user", caller.user()).addKeyValue("role", caller.role().id()).log("bridge frame forbidden for role");
            be.complete(false);
            return;
          }
          socketRoles.merge(socketId(be), caller.role(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
          if (direction == BrowserAccess.Direction.SEND) {
            raw.put("headers", new JsonObject().put(CallerHeaders.USER, caller.user()).put(CallerHeaders.ROLE, caller.role().id()));
            be.setRawMessage(raw);
          } else if (Addresses.CALLS_ACTIVE.equals(address)) {
            // the library registers (and later unregisters) the sink; the fan-out delivers
            raw.put("address", ListFanOut.SINK);
            list.add(be.socket());
          } else {
            String room = Addresses.roomOf(address);
            if (room != null) {
              // announced before the registration completes: the debouncer builds the room's deltas
              watchers.register(socketId(be), room);
              presence.register(socketId(be), caller.user(), room);
            }
          }
          be.complete(true);
        });
  }

  /**
   * Viewer dashboards see placeholders instead of PII in lines, interim text and customer
   * ({@code redaction.viewer.live}). A published message's body is as {@link BridgeBodies} made it
   * for all sockets (redacted for viewers, encoded once); a reply to one socket's request (a history
   * page) is that socket's alone: redacted for a viewer, left as it is otherwise, never kept.
   */
  private void bodyOncePerMessage(BridgeEvent be) {
    JsonObject raw = be.getRawMessage();
    if (raw.getValue("body") instanceof JsonObject body) {
      String address = address(be);
      boolean viewer = redactedFor(be.socket());
      if (BrowserAccess.ruleFor(address, BrowserAccess.Direction.RECEIVE).isPresent()) {
        raw.put("body", bodies.forSocket(address, body, viewer));
      } else if (viewer) {
        raw.put("body", viewerRedaction.redact(body));
      }
      be.setRawMessage(raw);
    }
  }

  /** Whether what this socket receives is redacted: a viewer's, while viewer redaction is on. */
  private boolean redactedFor(Object socket) {
    return viewerRedaction.active() && socketRoles.get(socket) == BrowserAccess.Role.VIEWER;
  }

  private static String address(BridgeEvent be) {
    return be.getRawMessage() == null ? null : be.getRawMessage().getString("address");
  }

  /** The socket itself identifies the connection (identity equality). */
  private static Object socketId(BridgeEvent be) {
    return be.socket();
  }
}
