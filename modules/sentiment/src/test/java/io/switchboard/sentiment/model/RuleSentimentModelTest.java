package io.switchboard.sentiment.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RuleSentimentModelTest {
  private static final RuleSentimentModel MODEL = RuleSentimentModel.withDefaultLexicon();

  private static UtteranceSentiment s(String text) {
    return MODEL.analyze(text);
  }

  private static void assertLabel(SentimentLabel expected, String... texts) {
    SentimentAssertions.assertLabels(MODEL::analyze, expected, texts);
  }

  @Test
  void negationFlipsPositiveToNegative() {
    assertLabel(SentimentLabel.POSITIVE, "I am happy with the service");
    assertLabel(SentimentLabel.NEGATIVE, "I am not happy with the service", "It never works", "I don't think that's fair");
  }

  @Test
  void negatedNegativeIsOnlyMildlyPositive() {
    UtteranceSentiment notBad = s("It isn't bad");
    UtteranceSentiment good = s("It is good");
    assertEquals(SentimentLabel.POSITIVE, notBad.label());
    assertTrue(notBad.score() < good.score(), "'not bad' should be weaker than 'good'");
  }

  @Test
  void negationDoesNotCrossClauseBoundaries() {
    // "no" belongs to the first clause; "great" stands on its own
    assertLabel(SentimentLabel.POSITIVE, "No, that was great");
  }

  @Test
  void intensifiersStrengthenAndDiminishersWeaken() {
    double plain = s("I am annoyed").score();
    double very = s("I am very annoyed").score();
    double extremely = s("I am extremely annoyed").score();
    double slightly = s("I am slightly annoyed").score();
    assertTrue(very < plain, "very annoyed should be more negative than annoyed");
    assertTrue(extremely < very, "extremely > very");
    assertTrue(slightly > plain, "slightly annoyed should be less negative");
    assertTrue(s("so helpful").score() > s("helpful").score());
  }

  @Test
  void clauseAfterButDominates() {
    assertLabel(SentimentLabel.NEGATIVE, "The agent was friendly and nice but the problem is still not fixed");
    assertLabel(SentimentLabel.POSITIVE, "It took ages but you sorted it, thank you", "The outage was annoying, however you fixed it fast");
  }

  @Test
  void sarcasmIsNegative() {
    assertLabel(SentimentLabel.NEGATIVE,
        "Great, just great",
        "Oh wonderful, another hour on hold",
        "Thanks for nothing",
        "Oh brilliant, the app crashed again",
        "Perfect, another transfer");
    // the same praise without a complaint around it stays praise
    assertLabel(SentimentLabel.POSITIVE, "Oh wonderful, thank you");
  }

  @Test
  void contactCentreDomainVocabulary() {
    assertLabel(SentimentLabel.NEGATIVE,
        "I was charged twice",
        "I've been on hold for forty minutes",
        "It's still not fixed",
        "I want to make a complaint");
    assertLabel(SentimentLabel.POSITIVE, "That's all sorted now, I appreciate it", "The issue has been resolved");
    // a plain service request carries no sentiment even with a domain word in it
    assertLabel(SentimentLabel.NEUTRAL, "I'd like to check the status of my refund", "My account number is 4 5 7 2 9");
  }

  @Test
  void scoreAndConfidenceStayInRange() {
    SentimentAssertions.assertVerdictsInRange(MODEL::analyze, 0, "", "!!!", "TERRIBLE TERRIBLE TERRIBLE AWFUL!!!", "great great great amazing", "ok");
    assertTrue(s("terrible, awful, the worst").confidence() > s("a bit slow").confidence());
  }

  @Test
  void staysUnderAMillisecondPerUtterance() {
    String[] texts = {
      "I've been on hold for forty minutes, this is ridiculous and I want to speak to a manager",
      "The agent was helpful but the problem is still not fixed",
      "Oh wonderful, another hour on hold",
      "Thank you so much, that fixed it"
    };
    for (int i = 0; i < 20_000; i++) {
      MODEL.analyze(texts[i % texts.length]); // warm up the JIT
    }
    int n = 20_000;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      MODEL.analyze(texts[i % texts.length]);
    }
    double msPer = (System.nanoTime() - t0) / 1e6 / n;
    assertTrue(msPer < 1.0, "took " + msPer + " ms per utterance");
  }
}
