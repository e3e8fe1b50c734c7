package io.switchboard.sentiment.provider;

import io.switchboard.sentiment.model.UtteranceSentiment;
import io.vertx.core.Future;

/** Scores one utterance. Implementations never block the calling event loop. */
public interface SentimentProvider {
  /**
   * @param text the utterance
   * @param language BCP-47-ish code when known, else null
   */
  Future<UtteranceSentiment> analyze(String text, String language);
}
