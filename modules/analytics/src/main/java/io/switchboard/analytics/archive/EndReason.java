package io.switchboard.analytics.archive;

import java.util.List;
import java.util.Locale;

/**
 * Normalises the call hash's {@code end_reason} into the fixed set the KPIs count. A room that
 * LiveKit finished or the reconciler cleaned ({@code room_finished}, {@code reconciled}) is a
 * "ghost-cleaned" call — unless a supervisor ended it, which is what actually happened then.
 */
public final class EndReason {
  private EndReason() {}

  public static final String COMPLETED = "completed";
  public static final String CUSTOMER_HANGUP = "customer_hangup";
  public static final String TRANSFERRED = "transferred";
  public static final String AGENT_ERROR = "agent_error";
  public static final String GHOST_CLEANED = "ghost_cleaned";
  public static final String SUPERSEDED = "superseded";
  public static final String ENDED_BY_SUPERVISOR = "ended_by_supervisor";
  public static final String UNKNOWN = "unknown";

  /** Every normalised value; KPIs report a count for each. */
  public static final List<String> ALL =
      List.of(COMPLETED, CUSTOMER_HANGUP, TRANSFERRED, AGENT_ERROR, GHOST_CLEANED, SUPERSEDED, ENDED_BY_SUPERVISOR, UNKNOWN);

  /**
   * @param raw the hash's end_reason (may be null)
   * @param supervisorEnded whether a supervisor's {@code end} action succeeded on this call
   */
  public static String normalise(String raw, boolean supervisorEnded) {
    String r = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
    return switch (r) {
      case COMPLETED, CUSTOMER_HANGUP, TRANSFERRED, AGENT_ERROR, SUPERSEDED, ENDED_BY_SUPERVISOR -> r;
      case "room_finished", "reconciled", GHOST_CLEANED -> supervisorEnded ? ENDED_BY_SUPERVISOR : GHOST_CLEANED;
      default -> supervisorEnded ? ENDED_BY_SUPERVISOR : UNKNOWN;
    };
  }
}
