package io.switchboard.sentiment.escalation;

import java.util.Optional;

/**
 * The customer has had to repeat themselves or contact again: an explicit cue ("third time i'm
 * calling", "i already told you") fires at once; weaker hints ("again", "last time" in a negative
 * line) fire when the call's count reaches the threshold (see {@code CallSentimentAggregator}).
 */
public final class RepeatedComplaintRule implements EscalationRule {
  public static final String EXPLICIT = "repeat_complaint";
  public static final String HINT = "repeat_hint";
  private final EscalationPatterns patterns;
  private final int threshold;

  public RepeatedComplaintRule(EscalationPatterns patterns, int threshold) {
    this.patterns = patterns;
    this.threshold = threshold;
  }

  @Override
  public String reason() {
    return EscalationReasons.REPEATED_COMPLAINT;
  }

  @Override
  public Optional<String> check(EscalationContext ctx) {
    if (patterns.matches(EXPLICIT, ctx.normalisedText())) {
      return Optional.of("customer says they have called or explained this before");
    }
    int count = ctx.state().repeatComplaints();
    return count >= threshold
        ? Optional.of("customer complained about the same thing " + count + " times")
        : Optional.empty();
  }
}
