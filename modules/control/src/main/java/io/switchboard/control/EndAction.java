package io.switchboard.control;

import io.switchboard.contract.control.ControlActions;
import io.switchboard.contract.control.ControlRequest;
import io.switchboard.contract.live.AgentControl;
import io.switchboard.contract.live.AgentDelivery;
import io.switchboard.platform.livekit.LiveKitFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Ends the call for everyone: LiveKit deletes the room (every participant is disconnected, the
 * agent included); the simulator is told to end its session. The supervisor line is recorded
 * before call_ended so it lands in the call's log, not after it.
 */
final class EndAction implements ControlAction {
  private final ControlServices s;

  EndAction(ControlServices s) {
    this.s = s;
  }

  @Override
  public String name() {
    return ControlActions.END;
  }

  @Override
  public Future<JsonObject> run(Caller caller, ControlRequest request, CallState call) {
    String user = caller.user();
    // the agent hears "end" first (it can say goodbye to its pipeline), then the room goes
    Future<AgentDelivery> told = s.agent().send(call, AgentControl.END, null, user);
    Future<AgentDelivery> steps = !s.useLiveKit(call)
        ? told
        : told.compose(delivery -> s.liveKit()
            .deleteRoom(call.room())
            // a room LiveKit no longer has is already ended: record the end all the same
            .recover(err -> err instanceof LiveKitFailure f && f.notFound() ? Future.succeededFuture() : Future.failedFuture(err))
            .map(delivery));
    return steps.compose(delivery -> s.events()
        .supervisor(call, ControlActions.END, user, null, null)
        .compose(a -> s.events().ended(call, "ended_by_supervisor", null, null).map(b -> a && b))
        .compose(recorded -> s.lock().clear(call.room()).otherwiseEmpty().map(v -> delivery.into(new JsonObject().put("state_recorded", recorded)))));
  }
}
