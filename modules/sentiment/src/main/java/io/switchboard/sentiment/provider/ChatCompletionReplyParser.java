package io.switchboard.sentiment.provider;

import io.switchboard.sentiment.model.SentimentLabel;
import io.switchboard.sentiment.model.UtteranceSentiment;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads {@code choices[0].message.content} of a chat-completions response and validates the JSON
 * sentiment inside. Anything off (missing fields, unknown label, out-of-range numbers, prose
 * instead of JSON) is an {@link LlmReplyException}, which makes the caller fall back.
 */
public final class ChatCompletionReplyParser {
  public static final String SOURCE = "llm";

  private ChatCompletionReplyParser() {}

  public static UtteranceSentiment parse(JsonObject response) {
    JsonArray choices = response.getJsonArray("choices");
    if (choices == null || choices.isEmpty() || !(choices.getValue(0) instanceof JsonObject choice)) {
      throw new LlmReplyException("no choices in the completion");
    }
    JsonObject message = choice.getJsonObject("message");
    Object content = message == null ? null : message.getValue("content");
    if (!(content instanceof String s) || s.isBlank()) {
      throw new LlmReplyException("completion has no text content");
    }
    JsonObject verdict;
    try {
      verdict = new JsonObject(stripCodeFence(s));
    } catch (DecodeException | ClassCastException e) {
      throw new LlmReplyException("completion content is not a JSON object", e);
    }
    SentimentLabel label = SentimentLabel.ofWire(verdict.getValue("label") instanceof String l ? l : null);
    if (label == null) {
      throw new LlmReplyException("completion has no valid label");
    }
    double score = number(verdict, "score", -1, 1);
    double confidence = verdict.containsKey("confidence") ? number(verdict, "confidence", 0, 1) : 0.7;
    return new UtteranceSentiment(label, score, confidence, SOURCE);
  }

  private static double number(JsonObject o, String key, double min, double max) {
    if (!(o.getValue(key) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw new LlmReplyException("completion field " + key + " is not a number");
    }
    double v = n.doubleValue();
    if (v < min || v > max) {
      throw new LlmReplyException("completion field " + key + " is outside [" + min + ", " + max + "]");
    }
    return v;
  }

  /** Some servers wrap JSON in a markdown fence even in JSON mode. */
  private static String stripCodeFence(String s) {
    String t = s.strip();
    if (t.startsWith("```")) {
      int firstNewline = t.indexOf('\n');
      int lastFence = t.lastIndexOf("```");
      if (firstNewline > 0 && lastFence > firstNewline) {
        return t.substring(firstNewline + 1, lastFence).strip();
      }
    }
    return t;
  }
}
