package io.switchboard.sentiment.escalation;

import java.util.Optional;

/** The customer threatens to cancel, close the account or switch provider (churn risk). */
public final class CancelThreatRule implements EscalationRule {
  private final EscalationPatterns patterns;

  public CancelThreatRule(EscalationPatterns patterns) {
    this.patterns = patterns;
  }

  @Override
  public String reason() {
    return EscalationReasons.CANCEL_THREAT;
  }

  @Override
  public Optional<String> check(EscalationContext ctx) {
    return patterns.matches(reason(), ctx.normalisedText())
        ? Optional.of("customer threatened to cancel or switch provider")
        : Optional.empty();
  }
}
