package io.switchboard.webhook;

import io.switchboard.contract.live.CallEvent;
import io.switchboard.contract.live.EventType;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import livekit.LivekitModels;
import livekit.LivekitWebhook;

/**
 * Maps a verified LiveKit webhook to the call event it means for Switchboard, addressed to the
 * room's current session (a webhook knows the room, not our session id).
 */
final class WebhookEvents {
  private WebhookEvents() {}

  /** LiveKit identity prefix of supervisors joined through control's listen/takeover tokens. */
  static final String SUPERVISOR_PREFIX = "supervisor_";

  static List<CallEvent> toCallEvents(LivekitWebhook.WebhookEvent e) {
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
        return List.of(new CallEvent(room, null, EventType.CALL_ENDED.wire(), eventId, ts, data));
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
        List<CallEvent> events = new ArrayList<>();
        events.add(new CallEvent(room, null, EventType.PARTICIPANT.wire(), eventId, ts, data));
        String identity = p.getIdentity();
        if (identity.startsWith(SUPERVISOR_PREFIX) && identity.length() > SUPERVISOR_PREFIX.length()) {
          // presence follows LiveKit: a supervisor whose audio is in the room listens, one who hung
          // up does not. Joining counts too, so a re-join after hand-back wins whichever of its
          // participant_joined and the old connection's participant_left is applied last (a stale
          // leave is dropped by the receiver before it gets here).
          String action = e.getEvent().endsWith("left") ? "unlisten" : "audio_joined";
          events.add(new CallEvent(room, null, EventType.SUPERVISOR.wire(), eventId == null ? null : eventId + ":" + action, ts,
              new JsonObject().put("action", action).put("by", identity.substring(SUPERVISOR_PREFIX.length()))));
        }
        return events;
      }
      default -> {
        // room_started, track_published… carry nothing a supervisor needs beyond what agents send
        return List.of();
      }
    }
  }
}
