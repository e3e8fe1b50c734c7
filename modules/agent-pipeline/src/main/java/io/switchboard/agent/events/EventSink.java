package io.switchboard.agent.events;

import io.switchboard.contract.live.CallEvent;

/** Where a session's call events go. Must never block or fail the caller. */
public interface EventSink {
  void emit(CallEvent event);
}
