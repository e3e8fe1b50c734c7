package io.switchboard.webhook;

import io.switchboard.contract.live.CallEvent;
import io.switchboard.contract.live.EventType;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import livekit.LivekitModels;
import livekit.LivekitWebhook;

/**
 * Maps a verified LiveKit webhook to the call event it means for Switchboard, addressed to the
 * room's current session (a webhook knows the room, not our session id).
 */
final class WebhookEvents {
  private WebhookEvents() {}

  static Optional<CallEvent> toCallEvent(LivekitWebhook.WebhookEvent e) {
    String room = e.getRoom().getName();
    String sid = e.getRoom().getSid();
    String eventId = e.getId().isEmpty() ? null : "lk:" + e.getId();
    long ts = e.getCreatedAt() > 0 ? e.getCreatedAt() * 1000 : 0;
    switch (e.getEvent()) {
      case "room_finished" -> {
        JsonObject data = new JsonObject().put("reason", "room_finished");
        if (!sid.isEmpty()) {
          data.put("room_sid", sid);
        }
        return Optional.of(new CallEvent(room, null, EventType.CALL_ENDED.wire(), eventId, ts, data));
      }
      case "participant_joined", "participant_left" -> {
        LivekitModels.ParticipantInfo p = e.getParticipant();
        JsonObject data =
            new JsonObject()
                .put("action", e.getEvent().endsWith("joined") ? "joined" : "left")
                .put("identity", p.getIdentity())
                .put("kind", p.getKind().name().toLowerCase(java.util.Locale.ROOT));
        if (!sid.isEmpty()) {
          data.put("room_sid", sid);
        }
        return Optional.of(new CallEvent(room, null, EventType.PARTICIPANT.wire(), eventId, ts, data));
      }
      default -> {
        // room_started, track_published… carry nothing a supervisor needs beyond what agents send
        return Optional.empty();
      }
    }
  }
}
