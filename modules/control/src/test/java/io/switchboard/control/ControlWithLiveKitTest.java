package io.switchboard.control;

import static io.switchboard.control.ControlHarness.await;
import static io.switchboard.control.ControlHarness.eventually;
import static io.switchboard.control.ControlHarness.room;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.switchboard.contract.Addresses;
import io.switchboard.contract.VerticleName;
import io.switchboard.testkit.FakeLiveKit;
import io.switchboard.testkit.RedisPerClass;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import livekit.LivekitModels.ParticipantInfo.Kind;
import livekit.LivekitRoom;
import livekit.LivekitSip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Actions against a LiveKit fake that speaks the real Twirp/protobuf API and records each call. */
@ExtendWith(VertxExtension.class)
class ControlWithLiveKitTest {
  static final String KEY = "devkey";
  static final String SECRET = "secret-of-at-least-32-characters-long";
  @RegisterExtension
  static final RedisPerClass redisServer = new RedisPerClass();
  private FakeLiveKit liveKit;
  private ControlHarness h;
  private String room;
  private String sid;

  @BeforeEach
  void deploy(Vertx vertx) {
    liveKit = await(new FakeLiveKit(vertx, KEY, SECRET).start());
    h = ControlHarness.start(vertx, redisServer.url(), config(liveKit.url()));
    room = "lk-" + UUID.randomUUID().toString().substring(0, 8);
    sid = "RM_" + room;
    h.seedCall(room, "s-7", sid, "active");
    liveKit.addRoom(room, sid);
    liveKit.addParticipant(room, "agent-1", Kind.AGENT);
    liveKit.addParticipant(room, "caller-42", Kind.SIP);
  }

  @AfterEach
  void close() {
    liveKit.close();
  }

  static JsonObject config(String url) {
    return new JsonObject()
        .put("livekit.url", url)
        .put("livekit.api.key", KEY)
        .put("livekit.api.secret", SECRET)
        .put("livekit.timeout.ms", 2000)
        .put("transfer.targets.en", "sip:en-queue@pbx")
        .put("transfer.targets.ms", "sip:ms-queue@pbx");
  }

  private List<String> methods() {
    return liveKit.calls().stream().map(FakeLiveKit.Call::method).toList();
  }

  private static DecodedJWT verified(String token) {
    return JWT.require(Algorithm.HMAC256(SECRET)).withIssuer(KEY).build().verify(token);
  }

  @Test
  void listenChecksTheRoomThenIssuesAHiddenSubscribeOnlyToken() {
    long now = Instant.now().getEpochSecond();
    JsonObject reply = h.ok("listen", "alice", "supervisor", room(room));
    assertEquals(List.of("ListRooms"), methods(), "nothing but the room check");
    assertEquals(List.of(room), ((LivekitRoom.ListRoomsRequest) liveKit.calls().get(0).request()).getNamesList());

    assertEquals(liveKit.url(), reply.getString("url"));
    assertEquals("supervisor_alice", reply.getString("identity"));
    assertEquals("s-7", reply.getString("session_id"));
    DecodedJWT jwt = verified(reply.getString("token"));
    assertEquals("supervisor_alice", jwt.getSubject());
    assertEquals("alice", jwt.getClaim("name").asString());
    Map<String, Object> video = jwt.getClaim("video").asMap();
    assertEquals(true, video.get("roomJoin"));
    assertEquals(room, video.get("room"));
    assertEquals(true, video.get("canSubscribe"));
    assertEquals(false, video.get("canPublish"));
    assertEquals(false, video.get("canPublishData"));
    assertEquals(true, video.get("hidden"));
    long exp = jwt.getExpiresAt().toInstant().getEpochSecond();
    assertTrue(Math.abs(exp - (now + 3600)) <= 5, "exp " + exp + " vs now+1h " + (now + 3600));
    Instant expiresAt = Instant.parse(reply.getString("expires_at"));
    assertTrue(Math.abs(expiresAt.getEpochSecond() - exp) <= 2);
    assertThrowsBadSignature(reply.getString("token"));

    JsonObject presence = h.ingested(room, "supervisor").get(0);
    assertEquals("s-7", presence.getString("session_id"));
    assertEquals(new JsonObject().put("action", "listen").put("by", "alice"), presence.getJsonObject("data"));
    h.expectAudits(1);
    assertEquals("ok", h.audits.get(0).getString("result"));
    assertFalse(h.audits.get(0).encode().contains(reply.getString("token")), "the token is never audited");
  }

  private static void assertThrowsBadSignature(String token) {
    try {
      JWT.require(Algorithm.HMAC256("another-secret-of-32-characters-xx")).build().verify(token);
      org.junit.jupiter.api.Assertions.fail("verified with the wrong secret");
    } catch (com.auth0.jwt.exceptions.SignatureVerificationException expected) {
      // signed with the API secret, and only with it
    }
  }

  @Test
  void listenOnAStaleCallCreatesNothing() {
    // the call ended: refused before LiveKit is even asked
    String ended = "lk-ended-" + UUID.randomUUID().toString().substring(0, 6);
    h.seedCall(ended, "s-old", "RM_old", "ended");
    ReplyException e1 = h.failure("listen", "alice", "supervisor", room(ended));
    assertEquals(410, e1.failureCode());
    assertTrue(liveKit.calls().isEmpty());

    // LiveKit no longer has the room
    String gone = "lk-gone-" + UUID.randomUUID().toString().substring(0, 6);
    h.seedCall(gone, "s-2", "RM_gone", "active");
    ReplyException e2 = h.failure("listen", "alice", "supervisor", room(gone));
    assertEquals(410, e2.failureCode());
    assertEquals("room " + gone + " no longer exists in LiveKit", e2.getMessage());

    // a new room under the same name (different sid): not this call
    liveKit.removeRoom(room);
    liveKit.addRoom(room, "RM_new");
    ReplyException e3 = h.failure("listen", "alice", "supervisor", room(room));
    assertEquals(409, e3.failureCode());
    assertTrue(e3.getMessage().contains("RM_new") && e3.getMessage().contains(sid), e3.getMessage());

    // a call whose room sid we never learned cannot be verified
    String unknown = "lk-nosid-" + UUID.randomUUID().toString().substring(0, 6);
    h.seedCall(unknown, "s-3", null, "active");
    liveKit.addRoom(unknown, "RM_x");
    ReplyException e4 = h.failure("listen", "alice", "supervisor", room(unknown));
    assertEquals(409, e4.failureCode());
    assertTrue(e4.getMessage().startsWith("cannot verify"), e4.getMessage());

    assertEquals(List.of("ListRooms", "ListRooms"), methods(), "only room checks, never CreateRoom");
    assertTrue(h.ingest.isEmpty(), "no presence recorded");
    h.expectAudits(4);
    assertTrue(h.audits.stream().allMatch(a -> "failed".equals(a.getString("result"))));
  }

  @Test
  void takeoverMutesTheAgentPausesItAndLetsTheSupervisorSpeak() {
    liveKit.addParticipant(room, "supervisor_alice", Kind.STANDARD);
    List<JsonObject> controls = h.recordControls(room);
    JsonObject reply = h.ok("takeover", "alice", "supervisor", room(room));
    // then the pause: presence check and server data to the agent's identity
    assertEquals(List.of("ListRooms", "ListParticipants", "MutePublishedTrack", "UpdateParticipant", "ListParticipants", "SendData"), methods());
    assertEquals(true, reply.getBoolean("delivered"));
    var pause = (LivekitRoom.SendDataRequest) liveKit.calls("SendData").get(0).request();
    assertEquals(List.of("agent-1"), pause.getDestinationIdentitiesList());
    assertEquals("switchboard.control", pause.getTopic());
    assertEquals(livekit.LivekitModels.DataPacket.Kind.RELIABLE, pause.getKind());
    assertEquals("pause", new JsonObject(pause.getData().toStringUtf8()).getString("type"));
    var mute = (LivekitRoom.MuteRoomTrackRequest) liveKit.calls("MutePublishedTrack").get(0).request();
    assertEquals(room, mute.getRoom());
    assertEquals("agent-1", mute.getIdentity());
    assertEquals("TR_agent-1", mute.getTrackSid());
    assertTrue(mute.getMuted());
    var update = (LivekitRoom.UpdateParticipantRequest) liveKit.calls("UpdateParticipant").get(0).request();
    assertEquals("supervisor_alice", update.getIdentity());
    assertTrue(update.getPermission().getCanPublish());
    assertTrue(update.getPermission().getCanSubscribe());

    Map<String, Object> video = verified(reply.getString("token")).getClaim("video").asMap();
    assertEquals(true, video.get("canPublish"));
    assertEquals(false, video.get("hidden"));
    assertEquals(room, video.get("room"));
    eventually(() -> controls.size() == 1, "pause");
    assertEquals("pause", controls.get(0).getString("type"));
    assertEquals("takeover", h.ingested(room, "supervisor").get(0).getJsonObject("data").getString("action"));

    h.ok("handback", "alice", "supervisor", room(room));
    var unmute = (LivekitRoom.MuteRoomTrackRequest) liveKit.calls("MutePublishedTrack").get(1).request();
    assertEquals("TR_agent-1", unmute.getTrackSid());
    assertFalse(unmute.getMuted());
    var revoke = (LivekitRoom.UpdateParticipantRequest) liveKit.calls("UpdateParticipant").get(1).request();
    assertEquals("supervisor_alice", revoke.getIdentity());
    assertFalse(revoke.getPermission().getCanPublish());
    eventually(() -> controls.size() == 2, "resume");
    assertEquals("resume", controls.get(1).getString("type"));
    assertNull(h.get(TakeoverLock.key(room)));
    h.expectAudits(2);
  }

  @Test
  void handBackSaysWhatToConfigureWhenTheServerRefusesRemoteUnmute() {
    liveKit.remoteUnmute(false);
    h.ok("takeover", "alice", "supervisor", room(room));
    ReplyException e = h.failure("handback", "alice", "supervisor", room(room));
    assertEquals(502, e.failureCode());
    assertEquals("LiveKit refuses to unmute the agent: set room.enable_remote_unmute: true in the LiveKit server config (docs/livekit.md)", e.getMessage());
    assertEquals("alice", h.get(TakeoverLock.key(room)), "still held: the hand-back can be retried");
    liveKit.remoteUnmute(true);
    h.ok("handback", "alice", "supervisor", room(room));
  }

  @Test
  void takeoverBySomeoneNotYetInTheRoomSkipsThePermissionUpdate() {
    h.ok("takeover", "bob", "supervisor", room(room));
    assertEquals(List.of("ListRooms", "ListParticipants", "MutePublishedTrack", "ListParticipants", "SendData"), methods());
    h.ok("handback", "bob", "supervisor", room(room));
    assertTrue(liveKit.calls("UpdateParticipant").isEmpty());
  }

  @Test
  void aLiveKitFailureIsSurfacedAuditedAndReleasesTheLock() {
    List<JsonObject> controls = h.recordControls(room);
    liveKit.failNext("MutePublishedTrack", 1);
    ReplyException e = h.failure("takeover", "alice", "supervisor", room(room));
    String expected = "LiveKit MutePublishedTrack failed: HTTP 500 internal: injected failure";
    assertEquals(502, e.failureCode());
    assertEquals(expected, e.getMessage());
    assertNull(h.get(TakeoverLock.key(room)), "the lock is given back");
    h.expectAudits(1);
    JsonObject audit = h.audits.get(0);
    assertEquals("failed", audit.getString("result"));
    assertEquals(expected, audit.getString("message"));
    assertEquals("s-7", audit.getString("session_id"));
    // and the next attempt (LiveKit healthy again) works; its pause and presence are the marker:
    // what the failed attempt had sent would have reached the same recorders before them
    h.ok("takeover", "bob", "supervisor", room(room));
    assertEquals("bob", h.get(TakeoverLock.key(room)));
    eventually(() -> !controls.isEmpty() && !h.ingest.isEmpty(), "bob's pause and takeover");
    assertEquals(List.of("pause"), controls.stream().map(c -> c.getString("type")).toList(), "the agent is not paused by a failed takeover");
    assertEquals(List.of("bob"), h.ingest.stream().map(i -> i.getJsonObject("data").getString("by")).distinct().toList(), "nothing recorded for alice's failed takeover");
  }

  @Test
  void aFailedForcedTakeoverGivesTheCallBackToItsHolder() {
    h.ok("takeover", "alice", "supervisor", room(room));
    liveKit.failNext("MutePublishedTrack", 1);
    ReplyException e = h.failure("takeover", "carol", "admin", room(room).put("force", true));
    assertEquals(502, e.failureCode());
    assertEquals("alice", h.get(TakeoverLock.key(room)));
  }

  @Test
  void anAdminForcingATakeoverSilencesThePreviousHolder() {
    liveKit.addParticipant(room, "supervisor_alice", Kind.STANDARD);
    liveKit.addParticipant(room, "supervisor_carol", Kind.STANDARD);
    h.ok("takeover", "alice", "supervisor", room(room));
    h.ok("takeover", "carol", "admin", room(room).put("force", true));
    List<LivekitRoom.UpdateParticipantRequest> updates = liveKit.calls("UpdateParticipant").stream()
        .map(c -> (LivekitRoom.UpdateParticipantRequest) c.request()).toList();
    assertEquals(List.of("supervisor_alice", "supervisor_carol", "supervisor_alice"),
        updates.stream().map(LivekitRoom.UpdateParticipantRequest::getIdentity).toList());
    assertEquals(List.of(true, true, false), updates.stream().map(u -> u.getPermission().getCanPublish()).toList());
    assertEquals("carol", h.get(TakeoverLock.key(room)));
  }

  @Test
  void transferMovesTheSipCallerToTheLanguageTarget() {
    liveKit.addParticipant(room, "supervisor_alice", Kind.STANDARD);
    JsonObject reply = h.ok("transfer", "alice", "supervisor", room(room).put("language", "en"));
    assertEquals("caller-42", reply.getString("customer"));
    assertEquals(List.of("ListParticipants", "TransferSIPParticipant"), methods());
    var t = (LivekitSip.TransferSIPParticipantRequest) liveKit.calls("TransferSIPParticipant").get(0).request();
    assertEquals(room, t.getRoomName());
    assertEquals("caller-42", t.getParticipantIdentity());
    assertEquals("sip:en-queue@pbx", t.getTransferTo());
    assertEquals(new JsonObject().put("action", "transfer").put("by", "alice").put("result", "sip:en-queue@pbx"),
        h.ingested(room, "supervisor").get(0).getJsonObject("data"));
    assertEquals(new JsonObject().put("reason", "transferred").put("transfer_target", "sip:en-queue@pbx"),
        h.ingested(room, "call_ended").get(0).getJsonObject("data"));
  }

  @Test
  void transferOfAWebCallerPicksTheStandardParticipant() {
    liveKit.removeRoom(room);
    liveKit.addRoom(room, sid);
    liveKit.addParticipant(room, "agent-1", Kind.STANDARD);
    liveKit.addParticipant(room, "supervisor_zed", Kind.STANDARD);
    liveKit.addParticipant(room, "web-user", Kind.STANDARD);
    // LiveKit can only transfer SIP participants: the real server refuses with HTTP 400
    ReplyException e = h.failure("transfer", "alice", "supervisor", room(room).put("language", "ms"));
    assertEquals(409, e.failureCode());
    assertTrue(e.getMessage().startsWith("cannot transfer web-user: not a phone (SIP) participant"), e.getMessage());
    var t = (LivekitSip.TransferSIPParticipantRequest) liveKit.calls("TransferSIPParticipant").get(0).request();
    assertEquals("web-user", t.getParticipantIdentity());
    assertEquals("sip:ms-queue@pbx", t.getTransferTo());
    assertTrue(h.ingested(room, "call_ended").isEmpty(), "a refused transfer ends nothing");
  }

  @Test
  void endDeletesTheRoom() {
    JsonObject reply = h.ok("end", "alice", "supervisor", room(room));
    // the agent is told first, then the room goes
    assertEquals(List.of("ListParticipants", "SendData", "DeleteRoom"), methods());
    assertEquals(true, reply.getBoolean("delivered"));
    assertEquals(room, ((LivekitRoom.DeleteRoomRequest) liveKit.calls("DeleteRoom").get(0).request()).getRoom());
    List<JsonObject> ended = h.ingested(room, "call_ended");
    assertEquals(1, ended.size());
    assertEquals("ended_by_supervisor", ended.get(0).getJsonObject("data").getString("reason"));
    assertEquals("s-7", ended.get(0).getString("session_id"));
    assertEquals("end", h.ingested(room, "supervisor").get(0).getJsonObject("data").getString("action"));
    // supervisor line first, so it is logged while the call is still live
    assertTrue(h.ingest.indexOf(h.ingested(room, "supervisor").get(0)) < h.ingest.indexOf(ended.get(0)));
  }

  @Test
  void guideIsServerDataToTheAgentAndSaysWhenNoAgentIsThere() {
    List<JsonObject> controls = h.recordControls(room);
    JsonObject reply = h.ok("guide", "alice", "supervisor", room(room).put("text", "ask for the order number"));
    assertEquals(true, reply.getBoolean("delivered"));
    assertNull(reply.getString("reason"));
    var data = (LivekitRoom.SendDataRequest) liveKit.calls("SendData").get(0).request();
    JsonObject payload = new JsonObject(data.getData().toStringUtf8());
    assertEquals("ask for the order number", payload.getString("text"));
    assertEquals(List.of("agent-1"), data.getDestinationIdentitiesList());
    // the bus fallback carries the same command (same id)
    eventually(() -> controls.size() == 1, "guide");
    assertEquals(payload.getString("id"), controls.get(0).getString("id"));

    liveKit.removeRoom(room);
    liveKit.addRoom(room, sid);
    JsonObject none = h.ok("guide", "alice", "supervisor", room(room).put("text", "anyone?"));
    assertEquals(false, none.getBoolean("delivered"));
    assertEquals("no_agent_in_room", none.getString("reason"));
    assertEquals(1, liveKit.calls("SendData").size(), "no data sent into an agentless room");
  }

  @Test
  void healthSaysLiveKitIsConfigured(Vertx vertx) {
    JsonObject reply = await(vertx.eventBus().<JsonObject>request(Addresses.health(VerticleName.CONTROL), new JsonObject())).body();
    assertEquals("configured", reply.getJsonObject("details").getString("livekit"));
  }
}
