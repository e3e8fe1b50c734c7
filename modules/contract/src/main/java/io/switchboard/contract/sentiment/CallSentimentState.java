package io.switchboard.contract.sentiment;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Call-level sentiment carried with each request so the sentiment verticle stays stateless (any
 * instance on any node can serve any room). Ingest stores it in the call hash and sends it back
 * with the next utterance.
 *
 * @param score recency-weighted call sentiment in [-1, 1]
 * @param label negative | neutral | positive (of {@code score})
 * @param turns user utterances scored so far
 * @param negativeStreak consecutive negative user turns
 * @param repeatComplaints times the customer said they already explained ("I already told you")
 * @param escalations reasons already raised for this call (an alert fires once per reason)
 */
public record CallSentimentState(
    double score, String label, int turns, int negativeStreak, int repeatComplaints, List<String> escalations) {

  public static CallSentimentState initial() {
    return new CallSentimentState(0.0, "neutral", 0, 0, 0, List.of());
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("score", score)
        .put("label", label)
        .put("turns", turns)
        .put("negativeStreak", negativeStreak)
        .put("repeatComplaints", repeatComplaints)
        .put("escalations", new JsonArray(escalations));
  }

  public static CallSentimentState fromJson(JsonObject j) {
    if (j == null) {
      return initial();
    }
    JsonArray esc = j.getJsonArray("escalations", new JsonArray());
    return new CallSentimentState(
        j.getDouble("score", 0.0),
        j.getString("label", "neutral"),
        j.getInteger("turns", 0),
        j.getInteger("negativeStreak", 0),
        j.getInteger("repeatComplaints", 0),
        esc.stream().map(String::valueOf).toList());
  }
}
