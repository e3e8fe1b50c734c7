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
 * @param agentFailures agent lines so far that showed the agent failing (did not understand the
 *     caller, a tool error); 0 when the sender does not report agent lines
 * @param lastScore the previous customer utterance's score (0 before the first), for the trend
 */
public record CallSentimentState(
    double score,
    String label,
    int turns,
    int negativeStreak,
    int repeatComplaints,
    List<String> escalations,
    int agentFailures,
    double lastScore) {

  /** The original six fields (no agent failures, no last score). */
  public CallSentimentState(
      double score, String label, int turns, int negativeStreak, int repeatComplaints, List<String> escalations) {
    this(score, label, turns, negativeStreak, repeatComplaints, escalations, 0, 0.0);
  }

  public static CallSentimentState initial() {
    return new CallSentimentState(0.0, "neutral", 0, 0, 0, List.of(), 0, 0.0);
  }

  /** The same state with {@code reasons} added to the raised escalations. */
  public CallSentimentState withEscalations(List<String> all) {
    return new CallSentimentState(score, label, turns, negativeStreak, repeatComplaints, List.copyOf(all), agentFailures, lastScore);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("score", score)
        .put("label", label)
        .put("turns", turns)
        .put("negativeStreak", negativeStreak)
        .put("repeatComplaints", repeatComplaints)
        .put("escalations", new JsonArray(escalations))
        .put("agentFailures", agentFailures)
        .put("lastScore", lastScore);
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
        esc.stream().map(String::valueOf).toList(),
        j.getInteger("agentFailures", 0),
        j.getDouble("lastScore", 0.0));
  }
}
