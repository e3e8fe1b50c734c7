package io.switchboard.sentiment;

import io.switchboard.contract.sentiment.SentimentRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Turns a bus body into a {@link SentimentRequest}, checking types first so a malformed message
 * gets a precise 400 instead of a ClassCastException deep in the record's {@code fromJson}.
 */
public final class RequestDecoder {
  /** Longer than any spoken utterance; keeps one request well under a millisecond. */
  public static final int MAX_TEXT_CHARS = 5000;

  private RequestDecoder() {}

  public static SentimentRequest decode(Object body) {
    JsonObject json = asJson(body);
    requireString(json, "text", true);
    String text = json.getString("text");
    if (text.isBlank()) {
      throw new BadRequestException("text is empty");
    }
    if (text.length() > MAX_TEXT_CHARS) {
      throw new BadRequestException("text is longer than " + MAX_TEXT_CHARS + " characters");
    }
    requireString(json, "room", true);
    requireString(json, "session_id", false);
    requireString(json, "language", false);
    requireNumber(json, "seq");
    requireNumber(json, "agent_latency_ms");
    requireString(json, "agent_text", false);
    requireNumber(json, "agent_tool_errors");
    Object agentText = json.getValue("agent_text");
    if (agentText instanceof String a && a.length() > MAX_TEXT_CHARS) {
      throw new BadRequestException("agent_text is longer than " + MAX_TEXT_CHARS + " characters");
    }
    Object prior = json.getValue("prior");
    if (prior != null) {
      if (!(prior instanceof JsonObject p)) {
        throw new BadRequestException("prior must be an object");
      }
      requireNumber(p, "score");
      requireString(p, "label", false);
      requireNumber(p, "turns");
      requireNumber(p, "negativeStreak");
      requireNumber(p, "repeatComplaints");
      requireNumber(p, "agentFailures");
      requireNumber(p, "lastScore");
      Object esc = p.getValue("escalations");
      if (esc != null && !(esc instanceof JsonArray)) {
        throw new BadRequestException("prior.escalations must be an array");
      }
    }
    return SentimentRequest.fromJson(json);
  }

  private static JsonObject asJson(Object body) {
    if (body instanceof JsonObject j) {
      return j;
    }
    try {
      if (body instanceof String s) {
        return new JsonObject(s);
      }
      if (body instanceof Buffer b) {
        return new JsonObject(b);
      }
    } catch (DecodeException | ClassCastException e) {
      throw new BadRequestException("body is not a JSON object");
    }
    throw new BadRequestException("body must be a JSON object, got " + (body == null ? "nothing" : body.getClass().getSimpleName()));
  }

  private static void requireString(JsonObject j, String key, boolean required) {
    Object v = j.getValue(key);
    if (v == null) {
      if (required) {
        throw new BadRequestException(key + " is required");
      }
      return;
    }
    if (!(v instanceof String s)) {
      throw new BadRequestException(key + " must be a string");
    }
    if (required && s.isBlank()) {
      throw new BadRequestException(key + " is empty");
    }
  }

  private static void requireNumber(JsonObject j, String key) {
    Object v = j.getValue(key);
    if (v != null && !(v instanceof Number)) {
      throw new BadRequestException(key + " must be a number");
    }
  }
}
