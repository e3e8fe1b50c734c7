package io.switchboard.control;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.AgentControl;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * Commands to the agent of a room on {@code agent.<room>.control}. Published, not sent: the
 * agent may be the Java simulator or an external agent behind the TCP bridge, on any node, and
 * control never waits for it (an agent that is gone has nothing to pause).
 */
final class AgentCommands {
  private final Vertx vertx;
  private final Clock clock;

  AgentCommands(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
  }

  void send(CallState call, String type, String text, String by) {
    AgentControl c = new AgentControl(type, call.room(), call.sessionId(), text, by, clock.millis());
    vertx.eventBus().publish(Addresses.agentControl(call.room()), c.toJson());
  }
}
