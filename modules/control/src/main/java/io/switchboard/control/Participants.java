package io.switchboard.control;

import io.switchboard.contract.BusErrors;
import java.util.List;
import java.util.Optional;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.TrackInfo;
import livekit.LivekitModels.TrackType;

/** Finding who is who in a LiveKit room's participant list. */
final class Participants {
  private Participants() {}

  /**
   * The AI agent: LiveKit marks agent workers with kind AGENT; agents that join as ordinary
   * clients are recognised by the identity the call recorded, or by the "agent" prefix.
   */
  static ParticipantInfo agent(List<ParticipantInfo> all, CallState call) {
    return findAgent(all, call).orElseThrow(() -> new ControlFailure(BusErrors.CONFLICT, "no agent participant in room " + call.room()));
  }

  /** The agent if it is in the room (it may have crashed: the customer is then alone). */
  static Optional<ParticipantInfo> findAgent(List<ParticipantInfo> all, CallState call) {
    return all.stream()
        .filter(p -> p.getKind() == ParticipantInfo.Kind.AGENT)
        .findFirst()
        .or(() -> all.stream().filter(p -> call.agent() != null && p.getIdentity().equals(call.agent())).findFirst())
        .or(() -> all.stream().filter(p -> p.getIdentity().startsWith("agent")).findFirst());
  }

  /** The sid of the agent's published audio track (what a takeover mutes). */
  static String audioTrack(ParticipantInfo agent, String room) {
    return agent.getTracksList().stream()
        .filter(t -> t.getType() == TrackType.AUDIO)
        .map(TrackInfo::getSid)
        .findFirst()
        .orElseThrow(
            () -> new ControlFailure(BusErrors.CONFLICT, "agent " + agent.getIdentity() + " has no published audio track in room " + room));
  }

  /**
   * The caller to transfer: the SIP participant (a phone call), else the one ordinary participant
   * that is neither the agent nor a supervisor (a web caller).
   */
  static ParticipantInfo customer(List<ParticipantInfo> all, CallState call) {
    Optional<ParticipantInfo> sip = all.stream().filter(p -> p.getKind() == ParticipantInfo.Kind.SIP).findFirst();
    if (sip.isPresent()) {
      return sip.get();
    }
    String agentIdentity = all.stream().filter(p -> p.getKind() == ParticipantInfo.Kind.AGENT).map(ParticipantInfo::getIdentity).findFirst()
        .orElse(call.agent() == null ? "" : call.agent());
    return all.stream()
        .filter(p -> p.getKind() == ParticipantInfo.Kind.STANDARD)
        .filter(p -> !p.getIdentity().equals(agentIdentity) && !p.getIdentity().startsWith("agent"))
        .filter(p -> !p.getIdentity().startsWith("supervisor_"))
        .findFirst()
        .orElseThrow(() -> new ControlFailure(BusErrors.CONFLICT, "no customer participant in room " + call.room()));
  }

  static boolean present(List<ParticipantInfo> all, String identity) {
    return all.stream().anyMatch(p -> p.getIdentity().equals(identity));
  }
}
