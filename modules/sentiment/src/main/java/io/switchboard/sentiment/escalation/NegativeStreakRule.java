package io.switchboard.sentiment.escalation;

import java.util.Optional;

/** Several negative customer turns in a row: the call is going badly even without a keyword. */
public final class NegativeStreakRule implements EscalationRule {
  private final int threshold;

  public NegativeStreakRule(int threshold) {
    this.threshold = threshold;
  }

  @Override
  public String reason() {
    return EscalationReasons.NEGATIVE_STREAK;
  }

  @Override
  public Optional<String> check(EscalationContext ctx) {
    int streak = ctx.state().negativeStreak();
    return streak >= threshold
        ? Optional.of(streak + " consecutive negative customer turns")
        : Optional.empty();
  }
}
