package io.switchboard.agent.runtime;

/** Observes a session (the simulator drives its customer from these). */
public interface SessionListener {
  default void stateChanged(AgentState from, AgentState to) {}

  default void ended(String reason) {}

  SessionListener NONE = new SessionListener() {};
}
