package io.switchboard.sentiment.provider;

import io.switchboard.sentiment.model.UtteranceSentiment;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries the primary provider (the LLM) and answers with the fallback (the embedded model) when it
 * fails, times out or returns garbage, so a flaky LLM never delays or drops an annotation.
 */
public final class FallbackSentimentProvider implements SentimentProvider {
  private static final Logger LOG = LoggerFactory.getLogger(FallbackSentimentProvider.class);

  private final SentimentProvider primary;
  private final SentimentProvider fallback;

  public FallbackSentimentProvider(SentimentProvider primary, SentimentProvider fallback) {
    this.primary = primary;
    this.fallback = fallback;
  }

  @Override
  public Future<UtteranceSentiment> analyze(String text, String language) {
    return primary
        .analyze(text, language)
        .recover(
            err -> {
              LOG.atWarn()
                  .addKeyValue("error", err.getClass().getSimpleName())
                  .addKeyValue("message", err.getMessage())
                  .log("LLM sentiment failed, using the embedded model");
              return fallback.analyze(text, language);
            });
  }
}
