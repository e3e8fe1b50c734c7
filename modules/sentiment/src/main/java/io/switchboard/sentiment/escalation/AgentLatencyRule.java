package io.switchboard.sentiment.escalation;

import java.util.Optional;

/** The voice agent took too long to answer: dead air frustrates callers and hints at a stuck pipeline. */
public final class AgentLatencyRule implements EscalationRule {
  private final long thresholdMs;

  public AgentLatencyRule(long thresholdMs) {
    this.thresholdMs = thresholdMs;
  }

  @Override
  public String reason() {
    return EscalationReasons.AGENT_LATENCY;
  }

  @Override
  public Optional<String> check(EscalationContext ctx) {
    long latency = ctx.agentLatencyMs();
    return latency >= thresholdMs
        ? Optional.of("agent response latency " + latency + " ms (threshold " + thresholdMs + " ms)")
        : Optional.empty();
  }
}
