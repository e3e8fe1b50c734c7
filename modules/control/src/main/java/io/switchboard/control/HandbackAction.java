package io.switchboard.control;

import io.switchboard.contract.BusErrors;
import io.switchboard.contract.control.ControlActions;
import io.switchboard.contract.control.ControlRequest;
import io.switchboard.contract.live.AgentControl;
import io.switchboard.platform.livekit.LiveKitFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import livekit.LivekitModels.ParticipantInfo;

/**
 * The holder gives the call back to the AI: unmute the agent, stop the holder publishing, resume
 * the agent (a hand-back turn, not a new greeting), then release the lock. The lock is released
 * last so a failure leaves the call still held and the hand-back can be retried.
 */
final class HandbackAction implements ControlAction {
  private final ControlServices s;

  HandbackAction(ControlServices s) {
    this.s = s;
  }

  @Override
  public String name() {
    return ControlActions.HANDBACK;
  }

  @Override
  public Future<JsonObject> run(Caller caller, ControlRequest request, CallState call) {
    String user = caller.user();
    return s.lock()
        .holder(call.room())
        .compose(
            holder -> {
              if (holder == null) {
                return Future.failedFuture(new ControlFailure(BusErrors.CONFLICT, "the call in room " + call.room() + " is not taken over"));
              }
              if (!holder.equals(user) && !caller.admin()) {
                return Future.failedFuture(
                    new ControlFailure(BusErrors.CONFLICT, "call is held by " + holder + ": only they or an admin can hand it back"));
              }
              Future<Void> steps = s.useLiveKit(call) ? liveKit(call, holder) : Future.succeededFuture();
              return steps.compose(v -> s.agent().send(call, AgentControl.RESUME, null, user))
                  .compose(delivery -> s.events()
                      .supervisor(call, ControlActions.HANDBACK, user, null, null)
                      .compose(recorded -> s.lock()
                          .release(call.room(), holder)
                          .map(x -> delivery.into(new JsonObject().put("released_from", holder).put("state_recorded", recorded)))));
            });
  }

  private Future<Void> liveKit(CallState call, String holder) {
    String room = call.room();
    return s.liveKit()
        .participants(room)
        .compose(
            all -> {
              // remote unmute needs room.enable_remote_unmute on the server (docs/livekit.md)
              Optional<ParticipantInfo> agent = Participants.findAgent(all, call);
              Future<Void> unmuted = agent.isEmpty()
                  ? Future.succeededFuture()
                  : s.liveKit().muteTrack(room, agent.get().getIdentity(), Participants.audioTrack(agent.get(), room), false)
                      .recover(HandbackAction::remoteUnmuteDisabled);
              String sup = Caller.identityOf(holder);
              return unmuted.compose(v -> Participants.present(all, sup) ? s.liveKit().setCanPublish(room, sup, false) : Future.succeededFuture());
            });
  }

  /** The real server answers 412 "remote unmute not enabled" unless the deployment allows it. */
  private static Future<Void> remoteUnmuteDisabled(Throwable err) {
    if (err instanceof LiveKitFailure f && f.upstreamStatus() == 412) {
      return Future.failedFuture(new ControlFailure(BusErrors.BAD_GATEWAY,
          "LiveKit refuses to unmute the agent: set room.enable_remote_unmute: true in the LiveKit server config (docs/livekit.md)"));
    }
    return Future.failedFuture(err);
  }
}
