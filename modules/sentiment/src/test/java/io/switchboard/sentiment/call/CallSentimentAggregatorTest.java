package io.switchboard.sentiment.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.sentiment.CallSentimentState;
import io.switchboard.sentiment.model.SentimentLabel;
import io.switchboard.sentiment.model.UtteranceSentiment;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallSentimentAggregatorTest {
  private final CallSentimentAggregator agg = new CallSentimentAggregator();

  private static UtteranceSentiment u(SentimentLabel l, double score) {
    return new UtteranceSentiment(l, score, 1.0, "embedded");
  }

  @Test
  void firstTurnSetsTheCallScore() {
    CallSentimentState s = agg.next(CallSentimentState.initial(), u(SentimentLabel.NEGATIVE, -0.7), false);
    assertEquals(-0.7, s.score(), 1e-9);
    assertEquals("negative", s.label());
    assertEquals(1, s.turns());
    assertEquals(1, s.negativeStreak());
  }

  @Test
  void recentTurnsWeighMoreThanOldOnes() {
    CallSentimentState s = CallSentimentState.initial();
    for (int i = 0; i < 10; i++) {
      s = agg.next(s, u(SentimentLabel.NEGATIVE, -0.8), false);
    }
    for (int i = 0; i < 3; i++) {
      s = agg.next(s, u(SentimentLabel.POSITIVE, 0.8), false);
    }
    // a plain mean of 10×-0.8 and 3×+0.8 would be about -0.43; recency weighting recovers the mood
    assertTrue(s.score() > 0.25, "score " + s.score());
    assertEquals("positive", s.label());
    assertEquals(13, s.turns());
  }

  @Test
  void streakResetsOnANonNegativeTurnAndRepeatsAccumulate() {
    CallSentimentState s = CallSentimentState.initial();
    s = agg.next(s, u(SentimentLabel.NEGATIVE, -0.6), true);
    s = agg.next(s, u(SentimentLabel.NEGATIVE, -0.6), false);
    assertEquals(2, s.negativeStreak());
    s = agg.next(s, u(SentimentLabel.NEUTRAL, 0.0), true);
    assertEquals(0, s.negativeStreak());
    assertEquals(2, s.repeatComplaints());
  }

  @Test
  void escalationsAreCarriedOver() {
    CallSentimentState prior = new CallSentimentState(0.1, "neutral", 4, 0, 0, List.of("profanity"));
    assertEquals(List.of("profanity"), agg.next(prior, u(SentimentLabel.NEUTRAL, 0), false).escalations());
  }

  @Test
  void countsAgentFailuresAndRemembersTheLastScore() {
    CallSentimentState s = agg.next(CallSentimentState.initial(), u(SentimentLabel.NEGATIVE, -0.4), false, true);
    assertEquals(1, s.agentFailures());
    assertEquals(-0.4, s.lastScore(), 1e-9);
    s = agg.next(s, u(SentimentLabel.NEUTRAL, 0.1), false, false);
    assertEquals(1, s.agentFailures(), "a turn without a failure keeps the count");
    assertEquals(0.1, s.lastScore(), 1e-9);
    s = agg.next(s, u(SentimentLabel.NEUTRAL, 0.0), false, true);
    assertEquals(2, s.agentFailures());
  }
}
