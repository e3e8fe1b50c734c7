package io.switchboard.sentiment.escalation;

import io.switchboard.sentiment.model.SentimentLabel;
import java.util.Optional;

/**
 * The caller is getting angrier: a second negative turn in a row that is clearly more negative
 * than the one before and strongly negative itself. Catches the call going wrong before a
 * three-turn streak.
 */
public final class RisingAngerRule implements EscalationRule {
  /** The utterance score at or below which a turn is strongly negative. */
  static final double STRONG = -0.6;
  /** How much lower than the previous turn it must be. */
  static final double DROP = 0.2;

  @Override
  public String reason() {
    return EscalationReasons.RISING_ANGER;
  }

  @Override
  public Optional<String> check(EscalationContext ctx) {
    double now = ctx.utterance().score();
    double before = ctx.prior().lastScore();
    boolean rising = ctx.utterance().label() == SentimentLabel.NEGATIVE
        && ctx.prior().negativeStreak() >= 1
        && now <= STRONG
        && before - now >= DROP;
    return rising ? Optional.of("customer sentiment fell turn on turn to strongly negative") : Optional.empty();
  }
}
