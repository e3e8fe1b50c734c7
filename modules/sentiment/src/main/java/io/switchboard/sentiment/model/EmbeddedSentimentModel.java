package io.switchboard.sentiment.model;

/**
 * The default offline scorer: the rule model's lexicon evidence plus words, bigrams and speech
 * cues ({@link SentimentFeatures}), weighed by a trained linear model ({@link LinearSentimentModel}).
 * Label = most probable class; score = P(positive) − P(negative); confidence = top probability.
 * Pure and thread-safe; tens of microseconds per utterance.
 */
public final class EmbeddedSentimentModel {
  public static final String SOURCE = "embedded";

  private final SentimentFeatures features;
  private final LinearSentimentModel linear;

  public EmbeddedSentimentModel(SentimentFeatures features, LinearSentimentModel linear) {
    this.features = features;
    this.linear = linear;
  }

  public static EmbeddedSentimentModel withDefaultLexicon() {
    return new EmbeddedSentimentModel(
        new SentimentFeatures(RuleSentimentModel.withDefaultLexicon()), LinearSentimentModel.loadDefault());
  }

  public UtteranceSentiment analyze(String text) {
    double[] p = linear.probabilities(features, text == null ? "" : text);
    int best = 0;
    for (int k = 1; k < 3; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return new UtteranceSentiment(LinearSentimentModel.CLASSES[best], p[2] - p[0], p[best], SOURCE);
  }
}
