package io.switchboard.sentiment.provider;

import io.switchboard.sentiment.model.EmbeddedSentimentModel;
import io.switchboard.sentiment.model.UtteranceSentiment;
import io.vertx.core.Future;

/** The offline model; microseconds per utterance, so it runs inline on the event loop. */
public final class EmbeddedSentimentProvider implements SentimentProvider {
  private final EmbeddedSentimentModel model;

  public EmbeddedSentimentProvider(EmbeddedSentimentModel model) {
    this.model = model;
  }

  @Override
  public Future<UtteranceSentiment> analyze(String text, String language) {
    return Future.succeededFuture(model.analyze(text));
  }
}
