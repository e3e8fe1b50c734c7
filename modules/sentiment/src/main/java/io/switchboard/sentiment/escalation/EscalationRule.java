package io.switchboard.sentiment.escalation;

import java.util.Optional;

/** One reason a supervisor should look at a call. Rules are pure; raising once is the detector's job. */
public interface EscalationRule {
  /** Machine reason, e.g. {@code human_requested} (the {@code Alert.reason}). */
  String reason();

  /** A human-readable detail when the rule fires for this utterance. Never includes transcript text. */
  Optional<String> check(EscalationContext ctx);
}
