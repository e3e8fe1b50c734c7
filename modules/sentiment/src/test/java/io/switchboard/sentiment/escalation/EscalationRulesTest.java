package io.switchboard.sentiment.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sentiment.SentimentConfig;
import io.switchboard.contract.sentiment.CallSentimentState;
import io.switchboard.sentiment.SentimentAnalyzer;
import io.switchboard.sentiment.eval.EvaluateEscalation;
import io.switchboard.sentiment.model.SentimentLabel;
import io.switchboard.sentiment.model.UtteranceSentiment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every escalation reason fires on its signal and every trap class stays quiet. Sentences are
 * new (in neither the held-out nor the dev sets) and go through the whole analyzer, so the
 * sentiment gates are exercised as in production.
 */
class EscalationRulesTest {
  private static final SentimentAnalyzer ANALYZER = SentimentAnalyzer.embedded();
  private static final EscalationPatterns PATTERNS = EscalationPatterns.loadDefault();
  private static final SentimentConfig CFG = new SentimentConfig("embedded", null, null, null, 1500);

  private static List<String> raised(String text) {
    return EvaluateEscalation.raisedAlone(ANALYZER, text);
  }

  /** reason | utterance that must raise it. */
  private static final String[][] SIGNALS = {
    {"human_requested", "right i think i need to speak to your supervisor about this"},
    {"human_requested", "could you put me through to an actual human being"},
    {"human_requested", "is there someone in charge i could have a word with"},
    {"human_requested", "i'd like this escalated please"},
    {"human_requested", "can i get your manager on the line"},
    {"human_requested", "operator"},
    {"human_requested", "id like a real person"},
    {"human_requested", "are there any managers available"},
    {"human_requested", "can i be transferred please"},
    {"cancel_threat", "we're going to leave you at the end of the month"},
    {"legal_threat", "expect to hear from my lawyers"},
    {"repeated_complaint", "i keep calling and nothing happens"},
    {"distress", "i've got no money left and the bills are due"},
    {"distress", "my business can't take payments because your system is down"},
    {"public_post", "i'll be telling everyone on facebook"},
    {"chargeback", "i'm cancelling the payment with my bank"},
    {"profanity", "what a bunch of clowns"},
    {"cancel_threat", "if the price goes up again i'm cancelling"},
    {"cancel_threat", "i'm going to switch over to another provider next week"},
    {"cancel_threat", "you've just lost a customer"},
    {"cancel_threat", "i'll be taking my custom elsewhere"},
    {"legal_threat", "i'll be taking this to the ombudsman next"},
    {"legal_threat", "i'm getting my solicitor involved and i will sue you"},
    {"legal_threat", "this is a breach of contract"},
    {"chargeback", "i'm going to do a charge back on my card"},
    {"chargeback", "i'll dispute the payment with my bank"},
    {"public_post", "i'm putting this on facebook tonight"},
    {"public_post", "expect a one star review from me"},
    {"profanity", "this is fucking useless"},
    {"profanity", "shut up and put me through"},
    {"profanity", "are you thick"},
    {"distress", "my dad's oxygen concentrator has no power"},
    {"distress", "i'm in tears here i can't afford the rent this month"},
    {"distress", "someone has emptied my bank account"},
    {"strong_anger", "i'm absolutely livid right now"},
    {"formal_complaint", "i want to make a formal complaint"},
    {"repeated_complaint", "this is the fourth time i've called about the router"},
    {"repeated_complaint", "i've already told you the postcode twice"},
    {"repeated_complaint", "how many times do i have to explain it"},
    {"agent_failing", "you're not listening to a word i say"},
  };

  /** trap class | utterance that must raise nothing. */
  private static final String[][] TRAPS = {
    {"routine cancellation", "please cancel my dentist reminder texts"},
    {"routine cancellation", "can i cancel tuesday's engineer appointment"},
    {"routine cancellation", "i'd like to cancel the order i placed this morning"},
    {"routine cancellation", "i'm moving to france so i need to close the account"},
    {"is this a human", "hello is this a real person"},
    {"is this a human", "are you a bot or a human"},
    {"is this a human", "no need for a human you've been fine"},
    {"praise mentioning a manager", "please let your manager know you were brilliant"},
    {"praise mentioning a manager", "my manager asked me to ring you for a quote"},
    {"praise mentioning a person", "i really like the person who helped me last time"},
    {"a person named sue", "sue in accounts told me to call"},
    {"a person named sue", "can you email the invoice to sue please"},
    {"switch the router", "i switched the router off at the wall"},
    {"switch the router", "can i switch to paperless bills"},
    {"leave", "i'll leave the parcel in the porch"},
    {"leave", "i'll leave you to get on with it then"},
    {"transfer", "i got transferred to billing last time and it was fine"},
    {"review words", "i'll leave a lovely review"},
    {"high-stakes words", "the shop can't open till nine"},
    {"high-stakes words", "i can't sleep because of the noise from the router"},
    {"swearing in praise", "bloody brilliant that's sorted"},
    {"mild complaint", "the broadband was a bit slow last night"},
    {"legal words", "my solicitor needs a copy of the tenancy bill"},
    {"social media mention", "i saw your offer on instagram"},
    {"repeat words", "like i said it's flat two"},
    {"question about leaving", "how much would it cost to end the contract early"},
  };

  @Test
  void everyExplicitSignalFires() {
    List<String> failures = new ArrayList<>();
    for (String[] s : SIGNALS) {
      List<String> got = raised(s[1]);
      if (!got.contains(s[0])) {
        failures.add(s[0] + " <- '" + s[1] + "' raised " + got);
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void everyTrapClassStaysQuiet() {
    List<String> failures = new ArrayList<>();
    for (String[] t : TRAPS) {
      List<String> got = raised(t[1]);
      if (!got.isEmpty()) {
        failures.add(t[0] + ": '" + t[1] + "' raised " + got);
      }
    }
    assertEquals(List.of(), failures);
  }

  private static EscalationContext trend(UtteranceSentiment u, CallSentimentState prior, CallSentimentState after, long latency) {
    return new EscalationContext("", latency, u, prior, after);
  }

  private static CallSentimentState state(int streak, int repeats, int agentFailures, double lastScore) {
    return new CallSentimentState(-0.4, "negative", 4, streak, repeats, List.of(), agentFailures, lastScore);
  }

  private static final UtteranceSentiment NEUTRAL = new UtteranceSentiment(SentimentLabel.NEUTRAL, 0, 0.8, "embedded");

  @Test
  void negativeStreakFiresAtTheThreshold() {
    var rule = new NegativeStreakRule(3);
    assertFalse(rule.check(trend(NEUTRAL, state(1, 0, 0, 0), state(2, 0, 0, 0), -1)).isPresent());
    assertTrue(rule.check(trend(NEUTRAL, state(2, 0, 0, 0), state(3, 0, 0, 0), -1)).isPresent());
  }

  @Test
  void risingAngerNeedsAStrongerSecondNegative() {
    var rule = new RisingAngerRule();
    var strong = new UtteranceSentiment(SentimentLabel.NEGATIVE, -0.8, 0.9, "embedded");
    assertTrue(rule.check(trend(strong, state(1, 0, 0, -0.4), state(2, 0, 0, -0.8), -1)).isPresent());
    assertFalse(rule.check(trend(strong, state(0, 0, 0, 0.2), state(1, 0, 0, -0.8), -1)).isPresent(), "first negative turn");
    assertFalse(rule.check(trend(strong, state(1, 0, 0, -0.75), state(2, 0, 0, -0.8), -1)).isPresent(), "not rising");
    var mild = new UtteranceSentiment(SentimentLabel.NEGATIVE, -0.4, 0.9, "embedded");
    assertFalse(rule.check(trend(mild, state(1, 0, 0, 0.0), state(2, 0, 0, -0.4), -1)).isPresent(), "not strong");
  }

  @Test
  void repeatedHintsFireAtTheConfiguredCount() {
    var rule = new RepeatedComplaintRule(PATTERNS, 2);
    assertFalse(rule.check(new EscalationContext("it's broken again", -1, NEUTRAL, state(0, 0, 0, 0), state(0, 1, 0, 0))).isPresent());
    assertTrue(rule.check(new EscalationContext("it's broken again", -1, NEUTRAL, state(0, 1, 0, 0), state(0, 2, 0, 0))).isPresent());
  }

  @Test
  void agentFailingCountsAgentLinesAndToolErrors() {
    assertTrue(AgentFailingRule.agentTurnFailed(PATTERNS, EscalationPatterns.normalise("Sorry, I didn't understand that."), 0));
    assertTrue(AgentFailingRule.agentTurnFailed(PATTERNS, EscalationPatterns.normalise("I'm having trouble accessing your account"), 0));
    assertTrue(AgentFailingRule.agentTurnFailed(PATTERNS, "", 1), "a tool error");
    assertFalse(AgentFailingRule.agentTurnFailed(PATTERNS, EscalationPatterns.normalise("Your bill is 40 pounds."), 0));
    var rule = new AgentFailingRule(PATTERNS, 2);
    assertFalse(rule.check(trend(NEUTRAL, state(0, 0, 0, 0), state(0, 0, 1, 0), -1)).isPresent());
    assertTrue(rule.check(trend(NEUTRAL, state(0, 0, 1, 0), state(0, 0, 2, 0), -1)).isPresent());
  }

  @Test
  void agentLatencyFiresOnLongSilence() {
    var rule = new AgentLatencyRule(4000);
    assertTrue(rule.check(trend(NEUTRAL, state(0, 0, 0, 0), state(0, 0, 0, 0), 6500)).isPresent());
    assertFalse(rule.check(trend(NEUTRAL, state(0, 0, 0, 0), state(0, 0, 0, 0), 900)).isPresent());
  }

  @Test
  void alreadyRaisedReasonsAreSkippedAndTheRestComeMostUrgentFirst() {
    var detector = EscalationDetector.standard(PATTERNS, CFG);
    String text = EscalationPatterns.normalise("i'm cancelling unless i speak to a manager");
    var u = new UtteranceSentiment(SentimentLabel.NEGATIVE, -0.7, 0.9, "embedded");
    var ctx = new EscalationContext(text, -1, u, CallSentimentState.initial(), CallSentimentState.initial());
    assertEquals(List.of("human_requested", "cancel_threat"), detector.detect(ctx).stream().map(Escalation::reason).toList());
    var raisedBefore = new CallSentimentState(0, "neutral", 2, 0, 0, List.of("human_requested"));
    assertEquals(List.of("cancel_threat"),
        detector.detect(new EscalationContext(text, -1, u, raisedBefore, raisedBefore)).stream().map(Escalation::reason).toList());
  }

  @Test
  void detailsNeverRepeatTheTranscript() {
    String text = "you stupid bot i'm cancelling";
    var u = new UtteranceSentiment(SentimentLabel.NEGATIVE, -0.9, 0.9, "embedded");
    var ctx = new EscalationContext(EscalationPatterns.normalise(text), -1, u, CallSentimentState.initial(), CallSentimentState.initial());
    var found = EscalationDetector.standard(PATTERNS, CFG).detect(ctx);
    assertFalse(found.isEmpty());
    for (Escalation e : found) {
      assertFalse(e.detail().contains("stupid") || e.detail().contains("bot"), e.detail());
    }
  }

  @Test
  void normaliseStripsPunctuationTheSameForEverySttEngine() {
    assertEquals("well i want a manager now", EscalationPatterns.normalise("Well, I want a MANAGER... now!"));
    assertEquals("i'm leaving", EscalationPatterns.normalise("I\u2019m   leaving."));
  }
}
