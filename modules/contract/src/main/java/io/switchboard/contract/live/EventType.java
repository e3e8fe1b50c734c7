package io.switchboard.contract.live;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code event_type} of a {@link CallEvent}. Agent types are accepted from agents (HTTP, TCP
 * bridge); internal types only from Switchboard's own verticles (webhook-receiver, control).
 */
public enum EventType {
  CALL_STARTED("call_started", true),
  TRANSCRIPT("transcript", true),
  AGENT_STATE("agent_state", true),
  METRICS("metrics", true),
  TOOL_CALL("tool_call", true),
  DEBUG("debug", true),
  CALL_ENDED("call_ended", true),
  SENTIMENT("sentiment", true),
  /** webhook-receiver: a LiveKit participant joined or left. */
  PARTICIPANT("participant", false),
  /** control: supervisor presence and actions (listen, guide, takeover, handback, transfer…). */
  SUPERVISOR("supervisor", false),
  /** rules: a rule fired for a line of the call (tags, suggestion, firing log line). */
  RULE_FIRED("rule_fired", false);

  private final String wire;
  private final boolean fromAgents;

  EventType(String wire, boolean fromAgents) {
    this.wire = wire;
    this.fromAgents = fromAgents;
  }

  public String wire() {
    return wire;
  }

  /** Whether an external agent may send it. */
  public boolean fromAgents() {
    return fromAgents;
  }

  public static Optional<EventType> byWire(String wire) {
    return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
  }
}
