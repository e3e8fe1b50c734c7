package io.switchboard.sentiment.escalation;

import java.util.Optional;

/** The customer swears. The detail deliberately does not repeat the word. */
public final class ProfanityRule implements EscalationRule {
  private final EscalationPatterns patterns;

  public ProfanityRule(EscalationPatterns patterns) {
    this.patterns = patterns;
  }

  @Override
  public String reason() {
    return EscalationReasons.PROFANITY;
  }

  @Override
  public Optional<String> check(EscalationContext ctx) {
    return patterns.matches(reason(), ctx.normalisedText())
        ? Optional.of("customer used profanity")
        : Optional.empty();
  }
}
