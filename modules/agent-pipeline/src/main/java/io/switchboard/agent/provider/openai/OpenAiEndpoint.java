package io.switchboard.agent.provider.openai;

import io.switchboard.agent.provider.ProviderException;
import io.switchboard.agent.AgentProviderSettings;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeoutException;

/**
 * Where and how to call one OpenAI-compatible API: base URL, key, model, timeout. Shared by the
 * LLM, STT and TTS providers so they build requests and errors the same way.
 */
public final class OpenAiEndpoint {
  private final WebClient client;
  private final String base;
  private final String apiKey;
  private final String model;
  private final long timeoutMs;

  public OpenAiEndpoint(WebClient client, String baseUrl, String apiKey, String model, long timeoutMs) {
    this.client = client;
    this.base = normalise(baseUrl);
    this.apiKey = apiKey;
    this.model = model;
    this.timeoutMs = timeoutMs;
  }

  public static OpenAiEndpoint of(WebClient client, AgentProviderSettings s) {
    return new OpenAiEndpoint(client, s.baseUrl(), s.apiKey(), s.model(), s.timeoutMs());
  }

  /** Accepts {@code https://host}, {@code https://host/} and {@code https://host/v1}. */
  static String normalise(String baseUrl) {
    String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return b.endsWith("/v1") ? b.substring(0, b.length() - 3) : b;
  }

  public String model() {
    return model;
  }

  public long timeoutMs() {
    return timeoutMs;
  }

  /** A POST to {@code /v1/<path>} with auth and the idle timeout set. */
  public HttpRequest<Buffer> post(String path) {
    HttpRequest<Buffer> req = client.postAbs(base + "/v1/" + path).timeout(timeoutMs).connectTimeout(timeoutMs);
    if (apiKey != null && !apiKey.isBlank()) {
      req.bearerTokenAuthentication(apiKey);
    }
    return req;
  }

  /** The error for a non-2xx status, with the start of the body (APIs explain themselves there). */
  public ProviderException httpError(String provider, int status, String body) {
    String snippet = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    return new ProviderException(provider, "HTTP " + status + " from " + base + ": " + snippet.strip());
  }

  /** Wraps transport failures, making timeouts obvious. */
  public ProviderException transportError(String provider, Throwable err) {
    if (err instanceof ProviderException pe) {
      return pe;
    }
    if (err instanceof TimeoutException || String.valueOf(err.getMessage()).contains("timeout")) {
      return new ProviderException(provider, "no response from " + base + " within " + timeoutMs + " ms", err);
    }
    return new ProviderException(provider, "request to " + base + " failed: " + err.getMessage(), err);
  }
}
