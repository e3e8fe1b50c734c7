package io.switchboard.control;

import io.switchboard.contract.BusErrors;
import io.switchboard.platform.livekit.LiveKitApi;
import io.vertx.core.Future;

/**
 * Before handing out a token: LiveKit must have the room now, and it must be this call's room
 * (same sid). Joining with a token creates a missing room, so a stale click on an ended call
 * would otherwise open a new, empty room under the old name (seed problem 3).
 */
final class RoomCheck {
  private RoomCheck() {}

  static Future<Void> verifyLive(LiveKitApi liveKit, CallState call) {
    if (call.roomSid() == null) {
      return Future.failedFuture(
          new ControlFailure(BusErrors.CONFLICT, "cannot verify room " + call.room() + ": the call has no LiveKit room sid yet"));
    }
    return liveKit
        .roomSid(call.room())
        .compose(
            sid -> {
              if (sid.isEmpty()) {
                return Future.failedFuture(new ControlFailure(BusErrors.GONE, "room " + call.room() + " no longer exists in LiveKit"));
              }
              if (!sid.get().equals(call.roomSid())) {
                return Future.failedFuture(
                    new ControlFailure(
                        BusErrors.CONFLICT,
                        "room " + call.room() + " in LiveKit is not this call's room (sid " + sid.get() + ", call has " + call.roomSid() + ")"));
              }
              return Future.succeededFuture();
            });
  }
}
