package io.switchboard.sentiment.escalation;

/** A reason raised by an utterance, with its transcript-free explanation. */
public record Escalation(String reason, String detail) {}
