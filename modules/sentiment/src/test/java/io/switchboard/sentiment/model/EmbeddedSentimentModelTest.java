package io.switchboard.sentiment.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Behaviour of the default (rules + trained linear) scorer on sentences that are in no set. */
class EmbeddedSentimentModelTest {
  private static final EmbeddedSentimentModel MODEL = EmbeddedSentimentModel.withDefaultLexicon();

  private static void assertLabel(SentimentLabel expected, String text) {
    UtteranceSentiment r = MODEL.analyze(text);
    assertEquals(expected, r.label(), () -> "'" + text + "' scored " + r.score());
  }

  @Test
  void negationScopeFlipsTheWordsAfterIt() {
    assertLabel(SentimentLabel.POSITIVE, "the new modem is great");
    assertLabel(SentimentLabel.NEGATIVE, "the new modem is not great at all");
    assertLabel(SentimentLabel.NEGATIVE, "i'm not happy about the modem");
  }

  @Test
  void theClauseAfterButCarriesThePoint() {
    assertLabel(SentimentLabel.NEGATIVE, "the man on the phone was friendly but my modem is still broken");
    assertLabel(SentimentLabel.POSITIVE, "the modem was broken for a week but it's brilliant now thanks");
  }

  @Test
  void sarcasticPraiseIsNegative() {
    assertLabel(SentimentLabel.NEGATIVE, "oh brilliant so the modem's dead again");
  }

  @Test
  void plainRequestsAreNeutral() {
    assertLabel(SentimentLabel.NEUTRAL, "can you tell me the date of my next bill");
    assertLabel(SentimentLabel.NEUTRAL, "my customer number is three three one");
  }

  @Test
  void outputIsAProbabilityShapedVerdict() {
    for (String t : new String[] {"", "um", "THIS IS THE WORST!!!", "thank you thank you thank you"}) {
      UtteranceSentiment s = MODEL.analyze(t);
      assertTrue(s.score() >= -1 && s.score() <= 1, t);
      assertTrue(s.confidence() >= 1.0 / 3 && s.confidence() <= 1, t);
      assertEquals("embedded", s.source());
    }
    assertTrue(MODEL.analyze("this is awful").score() < MODEL.analyze("this is fine").score());
  }
}
