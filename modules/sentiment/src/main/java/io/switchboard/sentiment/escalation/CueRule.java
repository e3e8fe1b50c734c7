package io.switchboard.sentiment.escalation;

import io.switchboard.sentiment.model.SentimentLabel;
import java.util.List;
import java.util.Optional;

/**
 * An explicit signal in the customer's words: fires when one of its cue keys of {@code
 * escalation-patterns.tsv} matches (traps of the key's mask blanked out first) and the utterance's
 * sentiment passes the cue's gate ("bloody brilliant" is praise, not abuse).
 */
public final class CueRule implements EscalationRule {
  /** What the utterance's sentiment must be for a cue to count. */
  public enum Gate {
    ANY,
    NOT_POSITIVE,
    NEGATIVE;

    boolean admits(SentimentLabel label) {
      return switch (this) {
        case ANY -> true;
        case NOT_POSITIVE -> label != SentimentLabel.POSITIVE;
        case NEGATIVE -> label == SentimentLabel.NEGATIVE;
      };
    }
  }

  /** One pattern key, the mask applied before it, and its gate. */
  public record Cue(String key, String maskKey, Gate gate) {
    public static Cue of(String key, Gate gate) {
      return new Cue(key, key, gate);
    }
  }

  private final String reason;
  private final String detail;
  private final List<Cue> cues;
  private final EscalationPatterns patterns;

  public CueRule(String reason, String detail, EscalationPatterns patterns, List<Cue> cues) {
    this.reason = reason;
    this.detail = detail;
    this.patterns = patterns;
    this.cues = List.copyOf(cues);
  }

  public CueRule(String reason, String detail, EscalationPatterns patterns, Gate gate) {
    this(reason, detail, patterns, List.of(Cue.of(reason, gate)));
  }

  @Override
  public String reason() {
    return reason;
  }

  @Override
  public Optional<String> check(EscalationContext ctx) {
    for (Cue c : cues) {
      if (c.gate().admits(ctx.utterance().label()) && patterns.matches(c.key(), c.maskKey(), ctx.normalisedText())) {
        return Optional.of(detail);
      }
    }
    return Optional.empty();
  }
}
