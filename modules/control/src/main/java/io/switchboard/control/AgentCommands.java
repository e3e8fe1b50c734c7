package io.switchboard.control;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.AgentControl;
import io.switchboard.contract.live.AgentDelivery;
import io.switchboard.platform.livekit.LiveKitApi;
import io.switchboard.platform.livekit.LiveKitFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import livekit.LivekitModels.ParticipantInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands to the agent of a call, and whether it got them ({@link AgentDelivery}).
 *
 * <p>A LiveKit call: RoomService SendData to the agent's identity only, reliable, on topic
 * {@code switchboard.control} (no extra port for agents; only the API-secret holder can send
 * server data). LiveKit accepts data for an identity nobody has, so the agent's presence is read
 * from ListParticipants first. The same command is also published on {@code agent.<room>.control}
 * for agents on the TCP bridge (the fallback path); both carry one {@code id}.
 *
 * <p>A simulated call (or no LiveKit): a request on {@code agent.<room>.control}; the simulator
 * answers, so no handler or no answer means nobody received it. Delivery never fails an action:
 * the reply says what happened.
 */
final class AgentCommands {
  private static final Logger LOG = LoggerFactory.getLogger(AgentCommands.class);
  static final long BUS_ACK_MS = 1000;

  private final Vertx vertx;
  private final Clock clock;
  private final LiveKitApi liveKit;

  AgentCommands(Vertx vertx, Clock clock, LiveKitApi liveKit) {
    this.vertx = vertx;
    this.clock = clock;
    this.liveKit = liveKit;
  }

  Future<AgentDelivery> send(CallState call, String type, String text, String by) {
    AgentControl c = new AgentControl(type, call.room(), call.sessionId(), text, by, clock.millis());
    Future<AgentDelivery> outcome = liveKit != null && !call.simulated() ? throughRoom(call, c) : throughBus(call, c);
    return outcome.onSuccess(
        d -> LOG.atInfo()
            .addKeyValue("room", call.room())
            .addKeyValue("session", call.sessionId())
            .addKeyValue("type", type)
            .addKeyValue("id", c.id())
            .addKeyValue("delivered", d.delivered())
            .addKeyValue("reason", d.reason())
            .log("agent control"));
  }

  private Future<AgentDelivery> throughRoom(CallState call, AgentControl c) {
    vertx.eventBus().publish(Addresses.agentControl(call.room()), c.toJson());
    byte[] payload = c.toJson().encode().getBytes(StandardCharsets.UTF_8);
    return liveKit
        .participants(call.room())
        .compose(
            all -> {
              Optional<ParticipantInfo> agent = Participants.findAgent(all, call);
              if (agent.isEmpty()) {
                return Future.succeededFuture(AgentDelivery.failed(AgentDelivery.NO_AGENT_IN_ROOM));
              }
              return liveKit.sendData(call.room(), agent.get().getIdentity(), payload, AgentDelivery.TOPIC).map(v -> AgentDelivery.ok());
            })
        .recover(err -> Future.succeededFuture(roomFailure(err)));
  }

  private static AgentDelivery roomFailure(Throwable err) {
    // a room LiveKit no longer has holds no agent either
    if (err instanceof LiveKitFailure f && f.notFound()) {
      return AgentDelivery.failed(AgentDelivery.NO_AGENT_IN_ROOM);
    }
    return AgentDelivery.failed(AgentDelivery.LIVEKIT_UNAVAILABLE);
  }

  private Future<AgentDelivery> throughBus(CallState call, AgentControl c) {
    return vertx
        .eventBus()
        .<Object>request(Addresses.agentControl(call.room()), c.toJson(), new DeliveryOptions().setSendTimeout(BUS_ACK_MS))
        .map(
            reply -> {
              if (reply.body() instanceof JsonObject j && !j.getBoolean("ok", true)) {
                return AgentDelivery.failed(j.getString("error", "refused"));
              }
              return AgentDelivery.ok();
            })
        .recover(
            err -> {
              if (err instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
                return Future.succeededFuture(AgentDelivery.failed(AgentDelivery.NO_AGENT_CONNECTED));
              }
              return Future.succeededFuture(AgentDelivery.failed(AgentDelivery.NOT_ACKNOWLEDGED));
            });
  }
}
