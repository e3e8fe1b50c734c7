package io.switchboard.control;

import io.switchboard.contract.BusErrors;
import io.switchboard.contract.control.ControlActions;
import io.switchboard.contract.control.ControlRequest;
import io.switchboard.contract.live.AgentControl;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import livekit.LivekitModels.ParticipantInfo;

/**
 * A supervisor takes the call from the AI. Order matters: the lock first (exactly one supervisor
 * wins), then LiveKit (mute the agent's audio, let the supervisor speak), then pause the agent's
 * pipeline (the seed only muted, and the agent kept burning LLM/TTS on words nobody heard), then
 * tell ingest so every dashboard shows who holds the call. If LiveKit fails, the lock is given
 * back so the call is not left held by nobody-in-particular.
 */
final class TakeoverAction implements ControlAction {
  private final ControlServices s;

  TakeoverAction(ControlServices s) {
    this.s = s;
  }

  @Override
  public String name() {
    return ControlActions.TAKEOVER;
  }

  @Override
  public Future<JsonObject> run(Caller caller, ControlRequest request, CallState call) {
    String user = caller.user();
    boolean force = request.force() && caller.admin();
    return s.lock()
        .acquire(call.room(), user, force)
        .compose(
            acquired -> {
              if (!acquired.taken()) {
                String hint = caller.admin() ? " (an admin may force it)" : "";
                return Future.failedFuture(new ControlFailure(BusErrors.CONFLICT, "call is held by " + acquired.previous() + hint));
              }
              String previous = acquired.previous();
              boolean alreadyOurs = user.equals(previous);
              String forcedFrom = previous != null && !alreadyOurs ? previous : null;
              Future<JsonObject> steps = s.useLiveKit(call) ? liveKit(user, call, forcedFrom) : Future.succeededFuture(new JsonObject());
              return steps
                  .recover(err -> alreadyOurs ? Future.failedFuture(err) : s.lock().restore(call.room(), user, previous).transform(x -> Future.failedFuture(err)))
                  .map(reply -> forcedFrom == null ? reply : reply.put("forced_from", forcedFrom));
            })
        .compose(
            reply -> s.agent()
                .send(call, AgentControl.PAUSE, null, user)
                .compose(delivery -> s.events()
                    .supervisor(call, ControlActions.TAKEOVER, user, null, null)
                    .map(recorded -> delivery.into(reply.put("takeover_by", user).put("state_recorded", recorded)))));
  }

  private Future<JsonObject> liveKit(String user, CallState call, String forcedFrom) {
    String room = call.room();
    return RoomCheck.verifyLive(s.liveKit(), call)
        .compose(v -> s.liveKit().participants(room))
        .compose(
            all -> {
              // an agent that crashed left the customer alone: that call needs a human most
              Optional<ParticipantInfo> agent = Participants.findAgent(all, call);
              Future<String> muted = agent.isEmpty()
                  ? Future.succeededFuture(null)
                  : s.liveKit().muteTrack(room, agent.get().getIdentity(), Participants.audioTrack(agent.get(), room), true).map(v -> agent.get().getIdentity());
              return muted.compose(
                  identity -> grants(all, room, user, forcedFrom)
                      .map(v -> s.tokens().replyFields(s.tokens().speak(user, room)).put("agent_muted", identity)));
            });
  }

  /** The new holder may speak if already in the room; a holder pushed out by force may not. */
  private Future<Void> grants(List<ParticipantInfo> all, String room, String user, String forcedFrom) {
    String me = Caller.identityOf(user);
    Future<Void> mine = Participants.present(all, me) ? s.liveKit().setCanPublish(room, me, true) : Future.succeededFuture();
    if (forcedFrom == null) {
      return mine;
    }
    String them = Caller.identityOf(forcedFrom);
    return mine.compose(v -> Participants.present(all, them) ? s.liveKit().setCanPublish(room, them, false) : Future.succeededFuture());
  }
}
