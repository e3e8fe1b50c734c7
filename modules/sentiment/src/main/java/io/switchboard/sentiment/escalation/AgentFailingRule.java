package io.switchboard.sentiment.escalation;

import java.util.Optional;

/**
 * The agent is failing the caller: the caller says so ("you're not listening", "that's not what i
 * asked"), or the agent's own lines keep showing it (did not understand, tool errors; counted in
 * {@code CallSentimentState.agentFailures} when the sender reports agent lines).
 */
public final class AgentFailingRule implements EscalationRule {
  public static final String CUSTOMER_CUE = "agent_failing";
  public static final String AGENT_CONFUSED = "agent_confused";
  public static final String AGENT_ERROR = "agent_error";
  private final EscalationPatterns patterns;
  private final int threshold;

  public AgentFailingRule(EscalationPatterns patterns, int threshold) {
    this.patterns = patterns;
    this.threshold = threshold;
  }

  /** Does this agent text (normalised) or tool-error count show one failing agent turn? */
  public static boolean agentTurnFailed(EscalationPatterns patterns, String normalisedAgentText, int toolErrors) {
    if (toolErrors > 0) {
      return true;
    }
    return !normalisedAgentText.isEmpty()
        && (patterns.matches(AGENT_CONFUSED, normalisedAgentText) || patterns.matches(AGENT_ERROR, normalisedAgentText));
  }

  @Override
  public String reason() {
    return EscalationReasons.AGENT_FAILING;
  }

  @Override
  public Optional<String> check(EscalationContext ctx) {
    if (patterns.matches(CUSTOMER_CUE, ctx.normalisedText())) {
      return Optional.of("customer says the agent is not understanding them");
    }
    int failures = ctx.state().agentFailures();
    return failures >= threshold
        ? Optional.of("agent failed " + failures + " times (did not understand, or a tool error)")
        : Optional.empty();
  }
}
