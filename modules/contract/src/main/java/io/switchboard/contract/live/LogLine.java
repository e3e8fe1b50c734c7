package io.switchboard.contract.live;

import io.vertx.core.json.JsonObject;

/**
 * One entry of a call's log ({@code call:<room>:log}), as stored and as sent in deltas and
 * history: {@code {seq, kind, ts, ...kind fields}}. seq is gap-free and increasing per session.
 *
 * <ul>
 *   <li>{@code transcript}: role (user|agent|supervisor), text, segment_id?, language?
 *       (only finals are logged; the utterance in progress is the {@code interim} field)
 *   <li>{@code lifecycle}: event (started|ended|participant_joined|participant_left), detail?
 *   <li>{@code annotation}: ref (seq of the annotated line), sentiment {label, score, confidence,
 *       source}, new_escalations? (reasons this line raised; the call's list is the
 *       {@code escalation} field)
 *   <li>{@code tool_call}: name, args?, result?, duration_ms?
 *   <li>{@code supervisor}: action (listen|guide|takeover|handback|transfer|end|view), by, text?, result?
 * </ul>
 */
public final class LogLine {
  private LogLine() {}

  public static final String KIND_TRANSCRIPT = "transcript";
  public static final String KIND_LIFECYCLE = "lifecycle";
  public static final String KIND_ANNOTATION = "annotation";
  public static final String KIND_TOOL_CALL = "tool_call";
  public static final String KIND_SUPERVISOR = "supervisor";
  /** A rule firing ({@code rule_id}, {@code ref} = the triggering line's seq, tags, suggestion). */
  public static final String KIND_RULE = "rule";

  public static long seq(JsonObject line) {
    return line.getLong("seq", 0L);
  }

  public static String kind(JsonObject line) {
    return line.getString("kind");
  }
}
