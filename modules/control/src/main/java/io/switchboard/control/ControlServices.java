package io.switchboard.control;

import io.switchboard.platform.livekit.LiveKitApi;

/**
 * What the action handlers share. {@code liveKit} and {@code tokens} are null when LiveKit is
 * not configured (the embedded demo): the actions then drive the simulator only.
 */
record ControlServices(
    ControlConfig config,
    CallStateReader calls,
    TakeoverLock lock,
    GuideRateLimiter guideLimiter,
    LiveKitApi liveKit,
    ListenTokens tokens,
    CallStateEvents events,
    AgentCommands agent) {

  /**
   * Whether this call has a LiveKit room to act on. A simulated call has none even when LiveKit
   * is configured (mixed demo), so it is driven through its agent like in the embedded demo.
   */
  boolean useLiveKit(CallState call) {
    return liveKit != null && !call.simulated();
  }
}
