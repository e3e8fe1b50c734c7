package io.switchboard.contract;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a browser (or any SockJS bridge client) may do on the bus, and with which role. The
 * gateway builds the bridge's permitted lists from this table only; anything absent is denied.
 */
public final class BrowserAccess {
  private BrowserAccess() {}

  /** Roles, each including the ones before it. */
  public enum Role {
    VIEWER,
    SUPERVISOR,
    ADMIN;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Direction as seen from the browser. */
  public enum Direction {
    /** The browser receives (REGISTER / messages delivered to it). */
    RECEIVE,
    /** The browser sends or requests. */
    SEND
  }

  /** One permitted address pattern. */
  public record Rule(String addressRegex, Direction direction, Role minimumRole, String purpose) {}

  /**
   * The rule that lets a browser use an address in a direction, if any. A browser never receives
   * on a service address ({@link Addresses#isServiceAddress}), whatever the rules say: consuming
   * one would steal other clients' requests.
   */
  public static Optional<Rule> ruleFor(String address, Direction direction) {
    if (address == null || (direction == Direction.RECEIVE && Addresses.isServiceAddress(address))) {
      return Optional.empty();
    }
    for (int i = 0; i < RULES.size(); i++) {
      if (RULES.get(i).direction() == direction && PATTERNS.get(i).matcher(address).matches()) {
        return Optional.of(RULES.get(i));
      }
    }
    return Optional.empty();
  }

  public static final List<Rule> RULES =
      List.of(
          new Rule(Addresses.CALLS_ACTIVE.replace(".", "\\."), Direction.RECEIVE, Role.VIEWER, "live call list deltas"),
          new Rule(Addresses.CALL_REGEX, Direction.RECEIVE, Role.VIEWER, "room deltas (transcript, state)"),
          new Rule(Addresses.CALL_DEBUG_REGEX, Direction.RECEIVE, Role.VIEWER, "agent debug timeline (ephemeral)"),
          new Rule(Addresses.ALERTS, Direction.RECEIVE, Role.VIEWER, "escalation alerts"),
          new Rule(Addresses.CALLS_SNAPSHOT.replace(".", "\\."), Direction.SEND, Role.VIEWER, "late join: call list snapshot"),
          new Rule(Addresses.CALL_HISTORY.replace(".", "\\."), Direction.SEND, Role.VIEWER, "late join: room history"),
          new Rule(Addresses.ANALYTICS_QUERY.replace(".", "\\."), Direction.SEND, Role.VIEWER, "KPI queries"),
          new Rule(Addresses.ARCHIVE_SEARCH.replace(".", "\\."), Direction.SEND, Role.VIEWER, "search archived calls"),
          new Rule(Addresses.ARCHIVE_CALL.replace(".", "\\."), Direction.SEND, Role.VIEWER, "review one archived call"),
          new Rule("control\\.(listen|guide|takeover|handback|transfer|end)", Direction.SEND, Role.SUPERVISOR, "supervisor actions"));

  private static final List<Pattern> PATTERNS = RULES.stream().map(r -> Pattern.compile(r.addressRegex())).toList();
}
