package io.switchboard.sentiment.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;

/** Assertions the tests of both embedded scorers share (a scorer is any {@code text -> verdict}). */
final class SentimentAssertions {
  private SentimentAssertions() {}

  /** Each text is labelled {@code expected}; a failure names the text and its score. */
  static void assertLabels(Function<String, UtteranceSentiment> model, SentimentLabel expected, String... texts) {
    for (String text : texts) {
      UtteranceSentiment r = model.apply(text);
      assertEquals(expected, r.label(), () -> "'" + text + "' scored " + r.score());
    }
  }

  /** Each text gets a score in [-1, 1], a confidence in [{@code minConfidence}, 1] and the embedded source. */
  static void assertVerdictsInRange(Function<String, UtteranceSentiment> model, double minConfidence, String... texts) {
    for (String text : texts) {
      UtteranceSentiment r = model.apply(text);
      assertTrue(r.score() >= -1 && r.score() <= 1, text);
      assertTrue(r.confidence() >= minConfidence && r.confidence() <= 1, text);
      assertEquals("embedded", r.source());
    }
  }
}
