package io.switchboard.control;

import io.switchboard.contract.BusErrors;
import io.switchboard.contract.control.ControlActions;
import io.switchboard.contract.control.ControlRequest;
import io.switchboard.contract.live.AgentDelivery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Silent observation: a hidden, subscribe-only token for the call's LiveKit room, only once the
 * room is verified live and the same room as the call (never creates anything in LiveKit).
 */
final class ListenAction implements ControlAction {
  private final ControlServices s;

  ListenAction(ControlServices s) {
    this.s = s;
  }

  @Override
  public String name() {
    return ControlActions.LISTEN;
  }

  @Override
  public Future<JsonObject> run(Caller caller, ControlRequest request, CallState call) {
    if (s.liveKit() == null) {
      return Future.failedFuture(new ControlFailure(BusErrors.UNAVAILABLE, "audio unavailable: LiveKit not configured"));
    }
    if (call.simulated()) {
      return Future.failedFuture(
          new ControlFailure(BusErrors.UNAVAILABLE, "audio unavailable: the call in room " + call.room() + " is simulated"));
    }
    return RoomCheck.verifyLive(s.liveKit(), call)
        .compose(
            v -> {
              ListenTokens.Issued token = s.tokens().listen(caller.user(), call.room());
              return s.events()
                  .supervisor(call, ControlActions.LISTEN, caller.user(), null, null)
                  .map(recorded -> AgentDelivery.failed(AgentDelivery.NOT_SENT).into(s.tokens().replyFields(token).put("state_recorded", recorded)));
            });
  }
}
