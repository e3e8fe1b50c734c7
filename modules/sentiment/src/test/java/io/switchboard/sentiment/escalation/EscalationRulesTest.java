package io.switchboard.sentiment.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.config.SentimentConfig;
import io.switchboard.contract.sentiment.CallSentimentState;
import io.switchboard.sentiment.model.SentimentLabel;
import io.switchboard.sentiment.model.UtteranceSentiment;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EscalationRulesTest {
  private static final EscalationPatterns PATTERNS = EscalationPatterns.loadDefault();
  private static final UtteranceSentiment NEUTRAL = new UtteranceSentiment(SentimentLabel.NEUTRAL, 0, 0.8, "embedded");

  private static EscalationContext text(String t) {
    return new EscalationContext(EscalationPatterns.normalise(t), -1, NEUTRAL, CallSentimentState.initial());
  }

  private static EscalationContext state(int negativeStreak, int repeats, long latency) {
    return new EscalationContext(
        "", latency, NEUTRAL, new CallSentimentState(-0.5, "negative", 5, negativeStreak, repeats, List.of()));
  }

  @Test
  void humanRequested() {
    var rule = new HumanRequestedRule(PATTERNS);
    for (String t : List.of("I want to speak to a manager", "Get me a real person please", "Can I talk to a human?",
        "put me through to your supervisor", "Are you a robot?")) {
      assertTrue(rule.check(text(t)).isPresent(), t);
    }
    for (String t : List.of("The manager of the shop was nice", "I need the reference number", "My person of contact is Ann")) {
      assertFalse(rule.check(text(t)).isPresent(), t);
    }
  }

  @Test
  void cancelThreat() {
    var rule = new CancelThreatRule(PATTERNS);
    for (String t : List.of("I'm going to cancel my subscription", "Just close my account", "I'll switch to another provider",
        "I'm cancelling my contract")) {
      assertTrue(rule.check(text(t)).isPresent(), t);
    }
    for (String t : List.of("I'm moving to a new flat", "Can you cancel the engineer visit?")) {
      assertFalse(rule.check(text(t)).isPresent(), t);
    }
  }

  @Test
  void profanityDetailNeverRepeatsTheWord() {
    var rule = new ProfanityRule(PATTERNS);
    Optional<String> detail = rule.check(text("This is fucking ridiculous"));
    assertTrue(detail.isPresent());
    assertFalse(detail.get().contains("fuck"));
    assertFalse(rule.check(text("I'll scrap the old router")).isPresent(), "substring inside a word is not profanity");
  }

  @Test
  void negativeStreakAtThreshold() {
    var rule = new NegativeStreakRule(3);
    assertFalse(rule.check(state(2, 0, -1)).isPresent());
    assertEquals(Optional.of("3 consecutive negative customer turns"), rule.check(state(3, 0, -1)));
  }

  @Test
  void repeatedComplaintAtThreshold() {
    var rule = new RepeatedComplaintRule(2);
    assertFalse(rule.check(state(0, 1, -1)).isPresent());
    assertTrue(rule.check(state(0, 2, -1)).isPresent());
    // the per-utterance cue that feeds the counter
    for (String t : List.of("I already told you", "I said that already", "How many times do I have to say it?")) {
      assertTrue(PATTERNS.matches("repeat_complaint", EscalationPatterns.normalise(t)), t);
    }
    assertFalse(PATTERNS.matches("repeat_complaint", "i told my wife about it"));
  }

  @Test
  void agentLatencyAtConfiguredThreshold() {
    var rule = new AgentLatencyRule(SentimentConfig.AGENT_LATENCY_MS_DEFAULT);
    assertFalse(rule.check(state(0, 0, -1)).isPresent(), "unknown latency never escalates");
    assertFalse(rule.check(state(0, 0, 3999)).isPresent());
    assertTrue(rule.check(state(0, 0, 4000)).orElseThrow().contains("4000 ms"));
  }

  @Test
  void detectorRaisesEachReasonOncePerCall() {
    var detector = EscalationDetector.standard(PATTERNS, new SentimentConfig("embedded", null, null, null, 1500));
    var ctx = text("let me speak to a manager, I'll cancel my account");
    assertEquals(List.of("human_requested", "cancel_threat"), detector.detect(ctx).stream().map(Escalation::reason).toList());
    var again = new EscalationContext(ctx.normalisedText(), -1, NEUTRAL,
        new CallSentimentState(0, "neutral", 2, 0, 0, List.of("human_requested", "cancel_threat")));
    assertTrue(detector.detect(again).isEmpty());
  }
}
