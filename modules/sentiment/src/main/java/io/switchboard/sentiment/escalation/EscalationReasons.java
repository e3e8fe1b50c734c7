package io.switchboard.sentiment.escalation;

/** The machine reasons of {@code Alert.reason}. */
public final class EscalationReasons {
  private EscalationReasons() {}

  public static final String HUMAN_REQUESTED = "human_requested";
  public static final String CANCEL_THREAT = "cancel_threat";
  public static final String PROFANITY = "profanity";
  public static final String NEGATIVE_STREAK = "negative_streak";
  public static final String REPEATED_COMPLAINT = "repeated_complaint";
  public static final String AGENT_LATENCY = "agent_latency";
}
