package io.switchboard.sentiment.escalation;

import java.util.List;

/** The machine reasons of {@code Alert.reason} / {@code Alert.reasons}. */
public final class EscalationReasons {
  private EscalationReasons() {}

  // explicit, from one utterance
  public static final String HUMAN_REQUESTED = "human_requested";
  public static final String CANCEL_THREAT = "cancel_threat";
  public static final String LEGAL_THREAT = "legal_threat";
  public static final String CHARGEBACK = "chargeback";
  public static final String PUBLIC_POST = "public_post";
  /** Abuse: swearing at or insulting the agent, threats (the wire name predates the wider meaning). */
  public static final String PROFANITY = "profanity";
  public static final String DISTRESS = "distress";
  public static final String STRONG_ANGER = "strong_anger";
  public static final String FORMAL_COMPLAINT = "formal_complaint";
  public static final String REPEATED_COMPLAINT = "repeated_complaint";
  // from the call's trend or the agent
  public static final String AGENT_FAILING = "agent_failing";
  public static final String RISING_ANGER = "rising_anger";
  public static final String NEGATIVE_STREAK = "negative_streak";
  public static final String AGENT_LATENCY = "agent_latency";

  /** Most urgent first: the order of {@code Alert.reasons} and the choice of {@code Alert.reason}. */
  public static final List<String> BY_URGENCY = List.of(
      DISTRESS, HUMAN_REQUESTED, LEGAL_THREAT, PROFANITY, CANCEL_THREAT, CHARGEBACK, PUBLIC_POST,
      FORMAL_COMPLAINT, STRONG_ANGER, REPEATED_COMPLAINT, AGENT_FAILING, RISING_ANGER, NEGATIVE_STREAK, AGENT_LATENCY);
}
