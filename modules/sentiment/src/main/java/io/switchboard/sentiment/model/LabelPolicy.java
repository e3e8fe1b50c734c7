package io.switchboard.sentiment.model;

/**
 * Turns a raw valence sum into the reported score, label and confidence. The squashing keeps a
 * single strong word below ±0.8 so that only several agreeing cues reach the extremes.
 */
public final class LabelPolicy {
  /** Squash constant of {@code s / sqrt(s² + ALPHA)} (VADER uses 15 for its ±4 scale). */
  static final double ALPHA = 6.0;
  /** |score| at which an utterance stops being neutral. */
  public static final double POLAR_THRESHOLD = 0.25;

  public static double squash(double sum) {
    return sum / Math.sqrt(sum * sum + ALPHA);
  }

  public static SentimentLabel labelOf(double score) {
    if (score >= POLAR_THRESHOLD) {
      return SentimentLabel.POSITIVE;
    }
    if (score <= -POLAR_THRESHOLD) {
      return SentimentLabel.NEGATIVE;
    }
    return SentimentLabel.NEUTRAL;
  }

  /**
   * Confidence grows with the distance from the decision boundary and with the amount of evidence
   * (number of sentiment-bearing terms). An utterance with no cue at all is a confident neutral.
   */
  public static double confidence(double score, int evidence) {
    double margin;
    if (labelOf(score) == SentimentLabel.NEUTRAL) {
      if (evidence == 0) {
        return 0.8;
      }
      margin = 1.0 - Math.abs(score) / POLAR_THRESHOLD;
    } else {
      margin = (Math.abs(score) - POLAR_THRESHOLD) / (1.0 - POLAR_THRESHOLD);
    }
    double evidenceBonus = 0.05 * Math.min(evidence, 3);
    return Math.min(1.0, 0.5 + 0.4 * margin + evidenceBonus);
  }
}
