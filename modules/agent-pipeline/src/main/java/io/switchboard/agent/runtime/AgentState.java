package io.switchboard.agent.runtime;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The agent's state as supervisors see it (the {@code agent_state} event). The transition table
 * is the contract the simulator test checks: anything not listed is a bug.
 */
public enum AgentState {
  INITIALIZING,
  LISTENING,
  THINKING,
  SPEAKING,
  PAUSED,
  ENDED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AgentState ofWire(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }

  /** Legal next states. */
  public Set<AgentState> next() {
    return switch (this) {
      // greeting speaks straight away; a guide before the greeting goes to thinking
      case INITIALIZING -> EnumSet.of(LISTENING, THINKING, SPEAKING, PAUSED, ENDED);
      case LISTENING -> EnumSet.of(THINKING, PAUSED, ENDED);
      case THINKING -> EnumSet.of(SPEAKING, LISTENING, PAUSED, ENDED);
      // thinking again = interrupted by a supervisor instruction or a barge-in
      case SPEAKING -> EnumSet.of(LISTENING, THINKING, PAUSED, ENDED);
      // resume: straight into the hand-back turn
      case PAUSED -> EnumSet.of(LISTENING, THINKING, ENDED);
      case ENDED -> EnumSet.noneOf(AgentState.class);
    };
  }

  public boolean canMoveTo(AgentState to) {
    return next().contains(to);
  }
}
