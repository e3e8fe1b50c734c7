package io.switchboard.sentiment.model;

/**
 * Sentiment of one utterance, whichever provider produced it.
 *
 * @param label the class
 * @param score polarity in [-1, 1]
 * @param confidence in [0, 1]
 * @param source provider id written to the annotation ({@code embedded}, {@code llm})
 */
public record UtteranceSentiment(SentimentLabel label, double score, double confidence, String source) {
  public UtteranceSentiment {
    if (label == null || source == null) {
      throw new IllegalArgumentException("label and source are required");
    }
    score = clamp(score, -1, 1);
    confidence = clamp(confidence, 0, 1);
  }

  private static double clamp(double v, double lo, double hi) {
    if (Double.isNaN(v)) {
      return 0;
    }
    return Math.max(lo, Math.min(hi, v));
  }
}
