package io.switchboard.sentiment.escalation;

import java.util.Optional;

/**
 * The customer has had to repeat themselves several times ("I already told you", "how many
 * times"). The count lives in the call state (see {@code CallSentimentAggregator}).
 */
public final class RepeatedComplaintRule implements EscalationRule {
  private final int threshold;

  public RepeatedComplaintRule(int threshold) {
    this.threshold = threshold;
  }

  @Override
  public String reason() {
    return EscalationReasons.REPEATED_COMPLAINT;
  }

  @Override
  public Optional<String> check(EscalationContext ctx) {
    int count = ctx.state().repeatComplaints();
    return count >= threshold
        ? Optional.of("customer had to repeat themselves " + count + " times")
        : Optional.empty();
  }
}
