package io.switchboard.rules.engine;

/**
 * One condition of a rule, compiled from its JSON. Line conditions (phrase, regex, sentiment,
 * latency, tool_failed, escalation) are about the event being observed; call conditions
 * (language, agent) and timed ones (silence, takeover, call_duration) about the call's state.
 */
public interface Condition {
  /** The condition's type ({@code phrase}, {@code silence} …). */
  String type();

  /** True when it holds for this event of this call. */
  boolean test(CallState call, Observation event);

  /** True for conditions that can become true with no event (checked on every tick). */
  default boolean timed() {
    return false;
  }
}
