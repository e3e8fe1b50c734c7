package io.switchboard.sentiment.eval;

import io.switchboard.sentiment.model.SentimentLabel;

/** One row of an escalation set: should this utterance alone alert a supervisor? {@code label} may be null. */
public record EscalationExample(String text, boolean escalate, SentimentLabel label) {}
