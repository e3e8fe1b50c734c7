package io.switchboard.contract.rules;

import java.util.List;

/**
 * Names of the rule document ({@code /schemas/rule.json}): condition and action types, severities
 * and the fields the rules verticle, the gateway and the dashboard agree on.
 */
public final class Rules {
  private Rules() {}

  public static final String ID = "id";
  public static final String NAME = "name";
  public static final String ENABLED = "enabled";
  public static final String SEVERITY = "severity";
  /** true on a rule seeded from a built-in escalation reason. */
  public static final String BUILTIN = "builtin";
  public static final String WHEN = "when";
  public static final String ALL = "all";
  public static final String ANY = "any";
  public static final String THEN = "then";
  public static final String TYPE = "type";
  public static final String UPDATED_AT = "updated_at";
  public static final String UPDATED_BY = "updated_by";

  // condition types
  public static final String PHRASE = "phrase";
  public static final String REGEX = "regex";
  public static final String SENTIMENT = "sentiment";
  public static final String SENTIMENT_TREND = "sentiment_trend";
  public static final String SILENCE = "silence";
  public static final String LATENCY = "latency";
  public static final String TOOL_FAILED = "tool_failed";
  public static final String TAKEOVER = "takeover";
  public static final String CALL_DURATION = "call_duration";
  public static final String LANGUAGE = "language";
  public static final String AGENT = "agent";
  /** A reason of the sentiment verticle's escalation detector (the built-in rules). */
  public static final String ESCALATION = "escalation";

  public static final List<String> CONDITION_TYPES =
      List.of(PHRASE, REGEX, SENTIMENT, SENTIMENT_TREND, SILENCE, LATENCY, TOOL_FAILED, TAKEOVER, CALL_DURATION, LANGUAGE, AGENT, ESCALATION);

  // action types
  public static final String ALERT = "alert";
  public static final String TAG = "tag";
  public static final String SUGGEST = "suggest";
  public static final String WEBHOOK = "webhook";

  public static final List<String> ACTION_TYPES = List.of(ALERT, TAG, SUGGEST, WEBHOOK);

  public static final List<String> SEVERITIES = List.of("info", "low", "medium", "high", "critical");
  public static final String DEFAULT_SEVERITY = "medium";

  /** Id prefix of the seeded built-in rules ({@code builtin.human_requested}). */
  public static final String BUILTIN_PREFIX = "builtin.";
}
