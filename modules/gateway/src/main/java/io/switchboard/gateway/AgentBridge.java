package io.switchboard.gateway;

import io.switchboard.contract.Addresses;
import io.switchboard.platform.auth.AgentKeys;
import io.switchboard.contract.live.CallEvent;
import io.switchboard.contract.observer.ObserverTokenRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.eventbus.bridge.tcp.BridgeEvent;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP event-bus bridge for external (e.g. Python) agents: they send call events to
 * {@code ingest.call-event} and receive {@code agent.<room>.control}. Every frame carries the
 * agent's API key in {@code headers.token}; sends reach ingest as agent traffic (ingest checks
 * the key and the event type again), so the bridge grants nothing the HTTP API does not.
 *
 * <p>Agents named in {@code tcp.bridge.observers} are room observers (observer/ in the repo): they
 * may also ask control for observer tokens and the live rooms ({@code observer.token},
 * {@code observer.rooms}) and read the call list ({@code calls.snapshot}, {@code calls.active}).
 * Those sends reach the bus with only {@link ObserverTokenRequest#HEADER_OBSERVER} = the observer's
 * name, which control requires.
 */
final class AgentBridge {
  private static final Logger LOG = LoggerFactory.getLogger(AgentBridge.class);
  private final Vertx vertx;
  private final AgentKeys keys;
  private final Set<String> observers;
  private TcpEventBusBridge bridge;
  private TcpFrameGuard front;

  AgentBridge(Vertx vertx, AgentKeys keys, List<String> observers) {
    this.vertx = vertx;
    this.keys = keys;
    this.observers = Set.copyOf(observers);
  }

  /** Addresses only observers may use: the observer.* requests (send) and the call list (receive). */
  private static boolean observersOnly(String address) {
    return Addresses.OBSERVER_TOKEN.equals(address)
        || Addresses.OBSERVER_ROOMS.equals(address)
        || Addresses.CALLS_SNAPSHOT.equals(address)
        || Addresses.CALLS_ACTIVE.equals(address);
  }

  /** Listens; the future completes once the port is bound. */
  Future<Void> listen(String host, int port) {
    BridgeOptions options =
        new BridgeOptions()
            .addInboundPermitted(new PermittedOptions().setAddress(Addresses.INGEST_CALL_EVENT))
            .addInboundPermitted(new PermittedOptions().setAddress(Addresses.OBSERVER_TOKEN))
            .addInboundPermitted(new PermittedOptions().setAddress(Addresses.OBSERVER_ROOMS))
            .addInboundPermitted(new PermittedOptions().setAddress(Addresses.CALLS_SNAPSHOT))
            .addOutboundPermitted(new PermittedOptions().setAddressRegex(Addresses.AGENT_CONTROL_REGEX))
            .addOutboundPermitted(new PermittedOptions().setAddress(Addresses.CALLS_ACTIVE));
    bridge = TcpEventBusBridge.create(vertx, options, new NetServerOptions(), this::guard);
    // agents reach the library only through TcpFrameGuard: the bridge itself listens on loopback
    int internal = loopbackPort();
    front = new TcpFrameGuard(vertx, internal);
    return bridge.listen(internal, "127.0.0.1").compose(b -> front.listen(host, port));
  }

  /** A free loopback port for the bridge behind the guard (the library does not report the port it bound). */
  private static int loopbackPort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void guard(BridgeEvent be) {
    if (be.type() != BridgeEventType.REGISTER && be.type() != BridgeEventType.SEND && be.type() != BridgeEventType.PUBLISH) {
      be.complete(true);
      return;
    }
    JsonObject raw = be.getRawMessage();
    JsonObject headers = raw == null ? null : raw.getJsonObject("headers");
    String token = headers == null ? null : headers.getString("token");
    String address = raw == null ? null : raw.getString("address");
    boolean consumesService = be.type() == BridgeEventType.REGISTER && Addresses.isServiceAddress(address);
    String agent = keys.agentOf(token).orElse(null);
    boolean observer = agent != null && observers.contains(agent);
    if (be.type() == BridgeEventType.PUBLISH || consumesService || agent == null || (observersOnly(address) && !observer)) {
      LOG.atInfo().addKeyValue("address", address).log("agent bridge frame denied");
      be.complete(false);
      return;
    }
    if (be.type() == BridgeEventType.SEND && observersOnly(address)) {
      raw.put("headers", new JsonObject().put(ObserverTokenRequest.HEADER_OBSERVER, agent));
      be.setRawMessage(raw);
    } else if (be.type() == BridgeEventType.SEND) {
      raw.put("headers", new JsonObject().put(CallEvent.HEADER_SOURCE, CallEvent.SOURCE_AGENT).put(CallEvent.HEADER_API_KEY, token));
      be.setRawMessage(raw);
    }
    be.complete(true);
  }

  Future<Void> close() {
    Future<Void> f = front == null ? Future.succeededFuture() : front.close();
    return f.eventually(() -> bridge == null ? Future.succeededFuture() : bridge.close());
  }
}
