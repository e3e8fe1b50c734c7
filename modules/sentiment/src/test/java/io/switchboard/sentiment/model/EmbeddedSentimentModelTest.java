package io.switchboard.sentiment.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Behaviour of the default (rules + trained linear) scorer on sentences that are in no set. */
class EmbeddedSentimentModelTest {
  private static final EmbeddedSentimentModel MODEL = EmbeddedSentimentModel.withDefaultLexicon();

  private static void assertLabel(SentimentLabel expected, String... texts) {
    SentimentAssertions.assertLabels(MODEL::analyze, expected, texts);
  }

  @Test
  void negationScopeFlipsTheWordsAfterIt() {
    assertLabel(SentimentLabel.POSITIVE, "the new modem is great");
    assertLabel(SentimentLabel.NEGATIVE, "the new modem is not great at all", "i'm not happy about the modem");
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
    assertLabel(SentimentLabel.NEUTRAL, "can you tell me the date of my next bill", "my customer number is three three one");
  }

  @Test
  void outputIsAProbabilityShapedVerdict() {
    // three classes: the most probable holds at least a third
    SentimentAssertions.assertVerdictsInRange(MODEL::analyze, 1.0 / 3, "", "um", "THIS IS THE WORST!!!", "thank you thank you thank you");
    assertTrue(MODEL.analyze("this is awful").score() < MODEL.analyze("this is fine").score());
  }
}
