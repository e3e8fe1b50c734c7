package io.switchboard.sentiment.escalation;

import java.util.Optional;

/** The customer asks for a human, an agent, a manager or a supervisor. */
public final class HumanRequestedRule implements EscalationRule {
  private final EscalationPatterns patterns;

  public HumanRequestedRule(EscalationPatterns patterns) {
    this.patterns = patterns;
  }

  @Override
  public String reason() {
    return EscalationReasons.HUMAN_REQUESTED;
  }

  @Override
  public Optional<String> check(EscalationContext ctx) {
    return patterns.matches(reason(), ctx.normalisedText())
        ? Optional.of("customer asked to speak to a human or a manager")
        : Optional.empty();
  }
}
