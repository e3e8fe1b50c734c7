package io.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.live.CallEvent;
import io.switchboard.contract.live.EventType;
import io.vertx.core.json.JsonObject;
import java.util.List;
import livekit.LivekitModels;
import livekit.LivekitWebhook;
import org.junit.jupiter.api.Test;

/**
 * A verified LiveKit webhook becomes the call events it means, addressed to the room's current
 * session (null session), carrying the room sid (so a stale room's webhook cannot end a new call)
 * and an id derived from the webhook id (so LiveKit's retries are de-duplicated by ingest).
 */
class WebhookEventsTest {
  private static LivekitWebhook.WebhookEvent.Builder event(String name) {
    return LivekitWebhook.WebhookEvent.newBuilder()
        .setEvent(name)
        .setId("EV_1")
        .setCreatedAt(1_764_000_000L)
        .setRoom(LivekitModels.Room.newBuilder().setName("call-7").setSid("RM_7"));
  }

  private static LivekitWebhook.WebhookEvent.Builder participant(String name, String identity, LivekitModels.ParticipantInfo.Kind kind) {
    return event(name).setParticipant(LivekitModels.ParticipantInfo.newBuilder().setIdentity(identity).setKind(kind));
  }

  @Test
  void roomFinishedEndsTheCallOfThatRoomSid() {
    List<CallEvent> events = WebhookEvents.toCallEvents(event("room_finished").build());
    assertEquals(List.of(new CallEvent("call-7", null, EventType.CALL_ENDED.wire(), "lk:EV_1", 1_764_000_000_000L,
        new JsonObject().put("reason", "room_finished").put("room_sid", "RM_7"))), events);
  }

  @Test
  void aWebhookWithoutIdOrSidOrTimeLeavesThemToIngest() {
    LivekitWebhook.WebhookEvent e = LivekitWebhook.WebhookEvent.newBuilder()
        .setEvent("room_finished")
        .setRoom(LivekitModels.Room.newBuilder().setName("call-7"))
        .build();
    CallEvent ended = WebhookEvents.toCallEvents(e).get(0);
    assertNull(ended.eventId(), "no webhook id: no made-up id that would collide between webhooks");
    assertEquals(0, ended.ts(), "no creation time: ingest stamps its own");
    assertEquals(new JsonObject().put("reason", "room_finished"), ended.data(), "no sid: nothing to check, not an empty one");
  }

  @Test
  void aParticipantJoiningOrLeavingIsOneParticipantEvent() {
    List<CallEvent> joined = WebhookEvents.toCallEvents(participant("participant_joined", "cust-1", LivekitModels.ParticipantInfo.Kind.SIP).build());
    assertEquals(List.of(new CallEvent("call-7", null, EventType.PARTICIPANT.wire(), "lk:EV_1", 1_764_000_000_000L,
        new JsonObject().put("action", "joined").put("identity", "cust-1").put("kind", "sip").put("room_sid", "RM_7"))), joined);

    List<CallEvent> left = WebhookEvents.toCallEvents(participant("participant_left", "agent-1", LivekitModels.ParticipantInfo.Kind.AGENT).build());
    assertEquals(1, left.size(), "only supervisors' departures change presence");
    assertEquals(new JsonObject().put("action", "left").put("identity", "agent-1").put("kind", "agent").put("room_sid", "RM_7"), left.get(0).data());
  }

  @Test
  void aSupervisorWhoLeavesTheRoomStopsListening() {
    List<CallEvent> events = WebhookEvents.toCallEvents(participant("participant_left", "supervisor_sam", LivekitModels.ParticipantInfo.Kind.STANDARD).build());
    assertEquals(2, events.size());
    assertEquals(EventType.PARTICIPANT.wire(), events.get(0).type(), "the participant line first, then the presence change");
    CallEvent unlisten = events.get(1);
    assertEquals(new CallEvent("call-7", null, EventType.SUPERVISOR.wire(), "lk:EV_1:unlisten", 1_764_000_000_000L,
        new JsonObject().put("action", "unlisten").put("by", "sam")), unlisten);
    assertTrue(!unlisten.eventId().equals(events.get(0).eventId()), "two events of one webhook need two ids, or ingest drops the second");
  }

  @Test
  void aSupervisorWhoseAudioJoinsListens() {
    List<CallEvent> events = WebhookEvents.toCallEvents(participant("participant_joined", "supervisor_sam", LivekitModels.ParticipantInfo.Kind.STANDARD).build());
    assertEquals(2, events.size());
    assertEquals(new CallEvent("call-7", null, EventType.SUPERVISOR.wire(), "lk:EV_1:audio_joined", 1_764_000_000_000L,
        new JsonObject().put("action", "audio_joined").put("by", "sam")), events.get(1),
        "a re-join after hand-back must win over the old connection's leave, whichever is applied last");
  }

  @Test
  void aBareOrLookalikeIdentityChangesNoPresence() {
    for (String event : List.of("participant_joined", "participant_left")) {
      assertEquals(1, WebhookEvents.toCallEvents(participant(event, "supervisor_", LivekitModels.ParticipantInfo.Kind.STANDARD).build()).size(),
          "no user behind a bare prefix");
      assertEquals(1, WebhookEvents.toCallEvents(participant(event, "xsupervisor_sam", LivekitModels.ParticipantInfo.Kind.STANDARD).build()).size());
    }
  }

  @Test
  void aSupervisorsDepartureWithoutWebhookIdHasNoIdEither() {
    LivekitWebhook.WebhookEvent e = participant("participant_left", "supervisor_sam", LivekitModels.ParticipantInfo.Kind.STANDARD).clearId().build();
    List<CallEvent> events = WebhookEvents.toCallEvents(e);
    assertNull(events.get(0).eventId());
    assertNull(events.get(1).eventId(), "not \"null:unlisten\"");
  }

  @Test
  void otherWebhooksMeanNothingToACall() {
    for (String name : List.of("room_started", "track_published", "track_unpublished", "egress_started", "ingress_ended")) {
      assertEquals(List.of(), WebhookEvents.toCallEvents(event(name).build()), name);
    }
  }
}
