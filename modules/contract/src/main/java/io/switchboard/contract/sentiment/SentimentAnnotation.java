package io.switchboard.contract.sentiment;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Reply of {@code sentiment.analyze}, also the {@code data} of an agent's own {@code sentiment}
 * event: the sentiment of log line {@code seq} and the call-level state after it.
 *
 * @param seq the annotated log seq
 * @param label negative | neutral | positive
 * @param score polarity in [-1, 1]
 * @param confidence in [0, 1]
 * @param call call-level state after this utterance
 * @param newEscalations escalation reasons raised by this utterance (empty when none)
 * @param source which model produced it (embedded, llm, agent)
 */
public record SentimentAnnotation(
    long seq, String label, double score, double confidence, CallSentimentState call, List<String> newEscalations, String source) {

  public JsonObject toJson() {
    return new JsonObject()
        .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
        .put("seq", seq)
        .put("label", label)
        .put("score", score)
        .put("confidence", confidence)
        .put("call", call.toJson())
        .put("new_escalations", new JsonArray(newEscalations))
        .put("source", source);
  }

  public static SentimentAnnotation fromJson(JsonObject j) {
    return new SentimentAnnotation(
        j.getLong("seq", 0L),
        j.getString("label", "neutral"),
        j.getDouble("score", 0.0),
        j.getDouble("confidence", 0.0),
        CallSentimentState.fromJson(j.getJsonObject("call")),
        j.getJsonArray("new_escalations", new JsonArray()).stream().map(String::valueOf).toList(),
        j.getString("source", "agent"));
  }
}
