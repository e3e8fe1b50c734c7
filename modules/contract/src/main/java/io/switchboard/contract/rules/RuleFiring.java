package io.switchboard.contract.rules;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One firing of a rule in one call: stored as a {@code rule} log line of the call (so it is
 * archived with it) and carried by the {@code rule_fired} call event.
 *
 * @param ruleId the rule's id
 * @param ruleName its name when it fired
 * @param severity the alert severity (the rule's, or its alert action's)
 * @param seq log seq of the line that triggered it (for timed conditions: the call's last line)
 * @param message the alert message (never transcript text), or null without an alert action
 * @param tags tags the rule put on the call
 * @param suggestion the suggested supervisor action, or null
 * @param condition the type of the condition that decided it (e.g. phrase, silence)
 */
public record RuleFiring(
    String ruleId, String ruleName, String severity, long seq, String message, List<String> tags, String suggestion, String condition) {
  public RuleFiring {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** The {@code data} of a {@code rule_fired} call event. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("rule_id", ruleId)
        .put("rule_name", ruleName)
        .put("severity", severity)
        .put("seq", seq)
        .put("message", message)
        .put("tags", new JsonArray(tags))
        .put("suggestion", suggestion)
        .put("condition", condition);
  }

  public static RuleFiring fromJson(JsonObject j) {
    return new RuleFiring(
        j.getString("rule_id"),
        j.getString("rule_name"),
        j.getString("severity"),
        j.getLong("seq", 0L),
        j.getString("message"),
        j.getJsonArray("tags", new JsonArray()).stream().map(String::valueOf).toList(),
        j.getString("suggestion"),
        j.getString("condition"));
  }
}
