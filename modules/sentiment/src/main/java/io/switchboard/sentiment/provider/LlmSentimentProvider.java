package io.switchboard.sentiment.provider;

import io.switchboard.sentiment.SentimentConfig;
import io.switchboard.sentiment.model.UtteranceSentiment;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;

/** Sentiment from an OpenAI-compatible chat-completions endpoint. Fails (never hangs) on errors. */
public final class LlmSentimentProvider implements SentimentProvider {
  private final WebClient client;
  private final String url;
  private final String apiKey;
  private final String model;
  private final long timeoutMs;

  public LlmSentimentProvider(WebClient client, SentimentConfig cfg) {
    if (cfg.llmBaseUrl() == null || cfg.llmModel() == null) {
      throw new IllegalArgumentException(
          "sentiment.provider=llm needs sentiment.llm.url and sentiment.llm.model");
    }
    this.client = client;
    this.url = completionsUrl(cfg.llmBaseUrl());
    this.apiKey = cfg.llmApiKey();
    this.model = cfg.llmModel();
    this.timeoutMs = cfg.llmTimeoutMs();
  }

  /** {@code https://host/v1} or {@code https://host/v1/} → {@code https://host/v1/chat/completions}. */
  static String completionsUrl(String base) {
    String b = base.strip();
    if (b.endsWith("/chat/completions")) {
      return b;
    }
    return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/chat/completions";
  }

  @Override
  public Future<UtteranceSentiment> analyze(String text, String language) {
    var request = client.postAbs(url).timeout(timeoutMs).putHeader("Accept", "application/json");
    if (apiKey != null && !apiKey.isBlank()) {
      request.putHeader("Authorization", "Bearer " + apiKey);
    }
    // request.timeout() only bounds the gaps between bytes; Future.timeout bounds the whole answer,
    // so a server that trickles a slow stream still falls back on time
    return request
        .sendJsonObject(ChatCompletionRequest.build(model, text, language))
        .map(LlmSentimentProvider::parse)
        .timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }

  private static UtteranceSentiment parse(HttpResponse<Buffer> response) {
    if (response.statusCode() / 100 != 2) {
      throw new LlmReplyException("LLM answered HTTP " + response.statusCode());
    }
    JsonObject body;
    try {
      body = response.bodyAsJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new LlmReplyException("LLM response is not JSON", e);
    }
    if (body == null) {
      throw new LlmReplyException("LLM response has no body");
    }
    return ChatCompletionReplyParser.parse(body);
  }
}
