package io.switchboard.sentiment.call;

import io.switchboard.contract.sentiment.CallSentimentState;
import io.switchboard.sentiment.model.LabelPolicy;
import io.switchboard.sentiment.model.SentimentLabel;
import io.switchboard.sentiment.model.UtteranceSentiment;
import java.util.List;

/**
 * Folds one utterance into the call's rolling sentiment. The call score is an exponentially
 * weighted average: early on every turn counts equally (weight 1/n), later each new turn gets at
 * least {@link #MIN_RECENCY_WEIGHT}, so a turn k steps old weighs (1 − 0.35)^k of a fresh one and
 * the call mood follows how the customer feels now rather than twenty turns ago. Low-confidence
 * turns move the average less.
 */
public final class CallSentimentAggregator {
  static final double MIN_RECENCY_WEIGHT = 0.35;

  /** {@link #next(CallSentimentState, UtteranceSentiment, boolean, boolean)} with no agent failure. */
  public CallSentimentState next(CallSentimentState prior, UtteranceSentiment u, boolean repeatedThemselves) {
    return next(prior, u, repeatedThemselves, false);
  }

  /**
   * @param repeatedThemselves this utterance says the customer already explained it
   * @param agentFailed the agent's lines before this utterance showed it failing
   * @return the state after the utterance; escalations are left as in {@code prior}
   */
  public CallSentimentState next(CallSentimentState prior, UtteranceSentiment u, boolean repeatedThemselves, boolean agentFailed) {
    int turns = prior.turns() + 1;
    double weight = Math.max(MIN_RECENCY_WEIGHT, 1.0 / turns) * (0.5 + 0.5 * u.confidence());
    if (prior.turns() == 0) {
      weight = 1.0; // nothing to average with yet
    }
    double score = clamp((1 - weight) * prior.score() + weight * u.score());
    int streak = u.label() == SentimentLabel.NEGATIVE ? prior.negativeStreak() + 1 : 0;
    int repeats = prior.repeatComplaints() + (repeatedThemselves ? 1 : 0);
    return new CallSentimentState(
        score,
        LabelPolicy.labelOf(score).wire(),
        turns,
        streak,
        repeats,
        List.copyOf(prior.escalations()),
        prior.agentFailures() + (agentFailed ? 1 : 0),
        u.score());
  }

  private static double clamp(double v) {
    return Double.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0;
  }
}
