package io.switchboard.sentiment.provider;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The body of an OpenAI-compatible {@code POST /chat/completions} asking for a JSON object with
 * label, score and confidence. {@code response_format: json_object} is the widest-supported way to
 * get JSON back (OpenAI, vLLM, Ollama, LM Studio, llama.cpp server).
 */
public final class ChatCompletionRequest {
  static final String SYSTEM_PROMPT =
      "You classify the sentiment of one customer utterance from a contact-centre phone call. "
          + "Account for negation, sarcasm (e.g. 'great, another hour on hold' is negative), and "
          + "contrast (the clause after 'but' dominates). Answer only with a JSON object: "
          + "{\"label\": \"negative\"|\"neutral\"|\"positive\", \"score\": number in [-1, 1] "
          + "(negative to positive), \"confidence\": number in [0, 1]}.";

  private ChatCompletionRequest() {}

  public static JsonObject build(String model, String text, String language) {
    String user = (language == null ? "" : "Language: " + language + "\n") + "Utterance: " + text;
    return new JsonObject()
        .put("model", model)
        .put("temperature", 0)
        .put("max_tokens", 60)
        .put("response_format", new JsonObject().put("type", "json_object"))
        .put(
            "messages",
            new JsonArray()
                .add(new JsonObject().put("role", "system").put("content", SYSTEM_PROMPT))
                .add(new JsonObject().put("role", "user").put("content", user)));
  }
}
