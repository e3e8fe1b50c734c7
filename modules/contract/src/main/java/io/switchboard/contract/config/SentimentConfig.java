package io.switchboard.contract.config;

/**
 * Settings of the sentiment verticle.
 *
 * @param provider {@code embedded} (default, offline) or {@code llm} (OpenAI-compatible)
 * @param llmBaseUrl OpenAI-compatible base URL ({@code sentiment.llm.url})
 * @param llmApiKey its key ({@code sentiment.llm.key})
 * @param llmModel model name ({@code sentiment.llm.model})
 * @param llmTimeoutMs timeout before falling back to the embedded model
 */
public record SentimentConfig(
    String provider, String llmBaseUrl, String llmApiKey, String llmModel, int llmTimeoutMs) {
  public static final String PROVIDER = "sentiment.provider";

  public static SentimentConfig from(Settings s) {
    return new SentimentConfig(
        s.string(PROVIDER, "embedded"),
        s.string("sentiment.llm.url", null),
        s.string("sentiment.llm.key", null),
        s.string("sentiment.llm.model", null),
        s.integer("sentiment.llm.timeout.ms", 1500, 50, 60_000));
  }

  @Override
  public String toString() {
    return "SentimentConfig[provider=" + provider + ", llmBaseUrl=" + llmBaseUrl + ", llmModel=" + llmModel + "]";
  }
}
