package io.switchboard.testkit;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import livekit.LivekitModels;
import livekit.LivekitRoom;
import livekit.LivekitSip;

/**
 * A LiveKit server fake that speaks LiveKit's real server API: Twirp over HTTP POST with binary
 * protobuf bodies (the SDK's own message classes), Bearer JWTs signed with the API secret. It
 * keeps rooms and participants in memory and records every call so tests can assert the exact
 * requests. Errors are Twirp errors (non-2xx + JSON {code, msg}), which the SDK surfaces as
 * unsuccessful responses.
 */
public final class FakeLiveKit implements AutoCloseable {
  /** One recorded API call: the Twirp method and the decoded request. */
  public record Call(String method, Message request) {}

  private final Vertx vertx;
  private final String apiKey;
  private final String apiSecret;
  private final Map<String, LivekitModels.Room> rooms = new ConcurrentHashMap<>();
  private final Map<String, Map<String, LivekitModels.ParticipantInfo>> participants = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private HttpServer server;
  private volatile boolean remoteUnmute = true;

  public FakeLiveKit(Vertx vertx, String apiKey, String apiSecret) {
    this.vertx = vertx;
    this.apiKey = apiKey;
    this.apiSecret = apiSecret;
  }

  public Future<FakeLiveKit> start() {
    return vertx
        .createHttpServer()
        .requestHandler(req -> req.body().onSuccess(buf -> handle(req, buf)))
        .listen(0, "127.0.0.1")
        .map(s -> {
          server = s;
          return this;
        });
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public List<Call> calls() {
    return calls;
  }

  public List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  public void addRoom(String name, String sid) {
    rooms.put(name, LivekitModels.Room.newBuilder().setName(name).setSid(sid).build());
    participants.putIfAbsent(name, new ConcurrentHashMap<>());
  }

  public void removeRoom(String name) {
    rooms.remove(name);
    participants.remove(name);
  }

  /** A participant with one published audio track (sid {@code TR_<identity>}). */
  public void addParticipant(String room, String identity, LivekitModels.ParticipantInfo.Kind kind) {
    LivekitModels.ParticipantInfo p =
        LivekitModels.ParticipantInfo.newBuilder()
            .setIdentity(identity)
            .setSid("PA_" + identity)
            .setKind(kind)
            .addTracks(LivekitModels.TrackInfo.newBuilder().setSid("TR_" + identity).setType(LivekitModels.TrackType.AUDIO))
            .build();
    participants.computeIfAbsent(room, r -> new ConcurrentHashMap<>()).put(identity, p);
  }

  /** Like the real server's {@code room.enable_remote_unmute} (Switchboard needs it on). */
  public void remoteUnmute(boolean enabled) {
    remoteUnmute = enabled;
  }

  /** The next {@code times} calls of a method fail with a Twirp internal error. */
  public void failNext(String method, int times) {
    failures.put(method, times);
  }

  private void handle(HttpServerRequest req, Buffer body) {
    String prefix = req.path().startsWith("/twirp/livekit.RoomService/") ? "/twirp/livekit.RoomService/" : "/twirp/livekit.SIP/";
    String method = req.path().startsWith(prefix) ? req.path().substring(prefix.length()) : req.path();
    if (!authorized(req.getHeader("Authorization"))) {
      // the real server: 401 text/plain, echoing the token it refused
      req.response().setStatusCode(401).putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("invalid token: " + req.getHeader("Authorization") + ", error: token signature is invalid");
      return;
    }
    Integer failing = failures.get(method);
    if (failing != null && failing > 0) {
      failures.put(method, failing - 1);
      twirpError(req, 500, "internal", "injected failure");
      return;
    }
    try {
      byte[] bytes = body.getBytes();
      switch (method) {
        case "ListRooms" -> {
          var r = LivekitRoom.ListRoomsRequest.parseFrom(bytes);
          calls.add(new Call(method, r));
          var out = LivekitRoom.ListRoomsResponse.newBuilder();
          rooms.values().stream().filter(room -> r.getNamesCount() == 0 || r.getNamesList().contains(room.getName())).forEach(out::addRooms);
          reply(req, out.build());
        }
        case "ListParticipants" -> {
          var r = LivekitRoom.ListParticipantsRequest.parseFrom(bytes);
          calls.add(new Call(method, r));
          // the real server answers an empty list for a room it does not have (docs/livekit.md)
          reply(req, LivekitRoom.ListParticipantsResponse.newBuilder()
              .addAllParticipants(participants.getOrDefault(r.getRoom(), Map.of()).values()).build());
        }
        case "MutePublishedTrack" -> {
          var r = LivekitRoom.MuteRoomTrackRequest.parseFrom(bytes);
          calls.add(new Call(method, r));
          if (!rooms.containsKey(r.getRoom()) || !participants.getOrDefault(r.getRoom(), Map.of()).containsKey(r.getIdentity())) {
            // the real server routes the request to the room's node, finds none: 503 after ~3 s
            twirpError(req, 503, "unavailable", "twirp error unknown: no response from servers");
            return;
          }
          if (!r.getMuted() && !remoteUnmute) {
            twirpError(req, 412, "failed_precondition", "twirp error unknown: remote unmute not enabled");
            return;
          }
          reply(req, LivekitRoom.MuteRoomTrackResponse.newBuilder()
              .setTrack(LivekitModels.TrackInfo.newBuilder().setSid(r.getTrackSid()).setMuted(r.getMuted())).build());
        }
        case "UpdateParticipant" -> {
          var r = LivekitRoom.UpdateParticipantRequest.parseFrom(bytes);
          calls.add(new Call(method, r));
          var p = participants.getOrDefault(r.getRoom(), Map.of()).get(r.getIdentity());
          if (p == null) {
            twirpError(req, 404, "not_found", "twirp error unknown: participant does not exist");
            return;
          }
          LivekitModels.ParticipantInfo updated = p.toBuilder().setPermission(r.getPermission()).build();
          participants.get(r.getRoom()).put(r.getIdentity(), updated);
          reply(req, updated);
        }
        case "RemoveParticipant" -> {
          var r = LivekitRoom.RoomParticipantIdentity.parseFrom(bytes);
          calls.add(new Call(method, r));
          participants.getOrDefault(r.getRoom(), new ConcurrentHashMap<>()).remove(r.getIdentity());
          reply(req, LivekitRoom.RemoveParticipantResponse.getDefaultInstance());
        }
        case "DeleteRoom" -> {
          var r = LivekitRoom.DeleteRoomRequest.parseFrom(bytes);
          calls.add(new Call(method, r));
          if (!rooms.containsKey(r.getRoom())) {
            twirpError(req, 404, "not_found", "twirp error unknown: requested room does not exist");
            return;
          }
          removeRoom(r.getRoom());
          reply(req, LivekitRoom.DeleteRoomResponse.getDefaultInstance());
        }
        case "SendData" -> {
          var r = LivekitRoom.SendDataRequest.parseFrom(bytes);
          calls.add(new Call(method, r));
          if (!rooms.containsKey(r.getRoom())) {
            twirpError(req, 503, "unavailable", "twirp error unknown: no response from servers");
            return;
          }
          // like the real server: accepted even when no participant has the destination identity
          reply(req, LivekitRoom.SendDataResponse.getDefaultInstance());
        }
        case "TransferSIPParticipant" -> {
          var r = LivekitSip.TransferSIPParticipantRequest.parseFrom(bytes);
          calls.add(new Call(method, r));
          var p = participants.getOrDefault(r.getRoomName(), Map.of()).get(r.getParticipantIdentity());
          if (p == null || p.getKind() != LivekitModels.ParticipantInfo.Kind.SIP) {
            twirpError(req, 400, "invalid_argument", "twirp error unknown: no SIP session associated with participant");
            return;
          }
          reply(req, com.google.protobuf.Empty.getDefaultInstance());
        }
        default -> twirpError(req, 404, "bad_route", "no handler for " + req.path());
      }
    } catch (InvalidProtocolBufferException e) {
      twirpError(req, 400, "malformed", e.getMessage());
    }
  }

  private boolean authorized(String header) {
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    try {
      JWT.require(Algorithm.HMAC256(apiSecret)).withIssuer(apiKey).build().verify(header.substring(7));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void reply(HttpServerRequest req, Message msg) {
    req.response().putHeader("Content-Type", "application/protobuf").end(Buffer.buffer(msg.toByteArray()));
  }

  private static void twirpError(HttpServerRequest req, int status, String code, String msg) {
    req.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new io.vertx.core.json.JsonObject().put("code", code).put("msg", msg).encode());
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
