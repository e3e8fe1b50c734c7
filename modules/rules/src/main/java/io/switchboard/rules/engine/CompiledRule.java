package io.switchboard.rules.engine;

import io.switchboard.contract.rules.RuleFiring;
import io.switchboard.contract.rules.Rules;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule ready to evaluate: its conditions compiled (regexes guarded) and its actions read.
 *
 * @param alertMessage the alert action's message, or null without one
 * @param alertSeverity the alert's severity (the action's, else the rule's)
 * @param webhooks webhook actions: {url, timeout_ms}
 */
public record CompiledRule(
    String id,
    String name,
    boolean enabled,
    boolean builtin,
    String severity,
    boolean all,
    List<Condition> conditions,
    String alertMessage,
    String alertSeverity,
    List<String> tags,
    String suggestion,
    List<JsonObject> webhooks,
    JsonObject source) {

  /** The condition that decided this firing: the first that holds (for all-rules, the first line condition). */
  public String deciding(CallState call, Observation o) {
    for (Condition c : conditions) {
      if (!all || !isStateOnly(c)) {
        if (c.test(call, o)) {
          return c.type();
        }
      }
    }
    return conditions.get(0).type();
  }

  /** True when the rule's conditions hold for this event of the call. */
  public boolean holds(CallState call, Observation o) {
    if (all) {
      for (Condition c : conditions) {
        if (!c.test(call, o)) {
          return false;
        }
      }
      return true;
    }
    for (Condition c : conditions) {
      if (c.test(call, o)) {
        return true;
      }
    }
    return false;
  }

  /** True when a clock tick alone may make it hold. */
  public boolean timed() {
    if (all) {
      // every condition must hold at once: a line condition never holds on a tick
      return conditions.stream().anyMatch(Condition::timed)
          && conditions.stream().allMatch(c -> c.timed() || isStateOnly(c));
    }
    return conditions.stream().anyMatch(Condition::timed);
  }

  private static boolean isStateOnly(Condition c) {
    return c.type().equals(Rules.LANGUAGE) || c.type().equals(Rules.AGENT);
  }

  public RuleFiring firing(CallState call, Observation o) {
    return new RuleFiring(id, name, alertSeverity, o.lineSeq(), alertMessage, tags, suggestion, deciding(call, o));
  }

  /** Reads a schema-valid rule document; throws {@link SafeRegex.Refused} for a dangerous regex (with its condition's index). */
  public static CompiledRule of(JsonObject rule) {
    JsonObject when = rule.getJsonObject(Rules.WHEN);
    boolean all = when.containsKey(Rules.ALL);
    var list = all ? when.getJsonArray(Rules.ALL) : when.getJsonArray(Rules.ANY);
    List<Condition> conditions = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      try {
        conditions.add(Conditions.compile(list.getJsonObject(i)));
      } catch (SafeRegex.Refused e) {
        throw new PointedRefusal("/" + Rules.WHEN + "/" + (all ? Rules.ALL : Rules.ANY) + "/" + i + "/pattern", e.getMessage());
      }
    }
    String severity = rule.getString(Rules.SEVERITY, Rules.DEFAULT_SEVERITY);
    String message = null;
    String alertSeverity = severity;
    List<String> tags = new ArrayList<>();
    String suggestion = null;
    List<JsonObject> webhooks = new ArrayList<>();
    for (Object a : rule.getJsonArray(Rules.THEN)) {
      JsonObject action = (JsonObject) a;
      switch (action.getString(Rules.TYPE)) {
        case Rules.ALERT -> {
          message = action.getString("message");
          alertSeverity = action.getString("severity", severity);
        }
        case Rules.TAG -> tags.add(action.getString("tag"));
        case Rules.SUGGEST -> suggestion = action.getString("text");
        case Rules.WEBHOOK -> webhooks.add(action);
        default -> throw new IllegalArgumentException("unknown action " + action.getString(Rules.TYPE));
      }
    }
    return new CompiledRule(
        rule.getString(Rules.ID),
        rule.getString(Rules.NAME),
        rule.getBoolean(Rules.ENABLED, true),
        rule.getBoolean(Rules.BUILTIN, false),
        severity,
        all,
        List.copyOf(conditions),
        message,
        alertSeverity,
        List.copyOf(tags),
        suggestion,
        List.copyOf(webhooks),
        rule.copy());
  }

  /** A refused part of a rule, with the JSON pointer of the field. */
  public static final class PointedRefusal extends IllegalArgumentException {
    private final String pointer;

    public PointedRefusal(String pointer, String message) {
      super(message);
      this.pointer = pointer;
    }

    public String pointer() {
      return pointer;
    }
  }
}
