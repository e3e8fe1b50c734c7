package io.switchboard.control;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.BusErrors;
import io.switchboard.contract.RoomNames;
import io.switchboard.platform.config.LiveKitSettings;
import io.switchboard.platform.livekit.LiveKitApi;
import io.switchboard.contract.observer.LiveRooms;
import io.switchboard.contract.observer.ObserverToken;
import io.switchboard.contract.observer.ObserverTokenRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import livekit.LivekitModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the room observer (observer/ in the repo) needs from LiveKit, so that it holds no API
 * secret: {@code observer.rooms} (LiveKit's ListRooms) and {@code observer.token} (a join token for
 * one live room). The token is hidden, subscribe-only for media, may send data (remote-session
 * requests travel as byte streams) and carries {@code canManageAgentSession}: the grant LiveKit
 * Agents' remote-session protocol is gated on (livekit/protocol #1557). The Java SDK 0.13.0 has no
 * grant class for it and its VideoGrant is sealed, so the token is signed here with vertx-auth-jwt
 * using the same claims the SDK writes (iss = API key, sub = identity, nbf, exp, name, video).
 *
 * <p>Only requests stamped by the gateway's TCP bridge with an observer name are served (403
 * otherwise); like listen tokens, a token is only issued for a room LiveKit has live now, so a
 * stale request can never create an empty room.
 */
final class ObserverAccess {
  private static final Logger LOG = LoggerFactory.getLogger(ObserverAccess.class);
  static final Duration TTL = Duration.ofHours(2);

  private final LiveKitSettings settings;
  private final Clock clock;
  /** Null when LiveKit is not configured. */
  private final LiveKitApi liveKit;
  private final JWTAuth signer;

  private ObserverAccess(Vertx vertx, ControlConfig cfg, LiveKitApi liveKit, Clock clock) {
    this.settings = cfg.liveKit();
    this.clock = clock;
    this.liveKit = liveKit;
    this.signer = liveKit == null
        ? null
        : JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(settings.apiSecret())));
  }

  /**
   * Registers both consumers; the future completes once they are registered cluster-wide.
   * {@code liveKit} is null when LiveKit is not configured: both then answer 503.
   */
  static Future<Void> register(Vertx vertx, ControlConfig cfg, LiveKitApi liveKit) {
    ObserverAccess access = new ObserverAccess(vertx, cfg, liveKit, Clock.systemUTC());
    return Future.all(
            vertx.eventBus().consumer(Addresses.OBSERVER_TOKEN, access::token).completion(),
            vertx.eventBus().consumer(Addresses.OBSERVER_ROOMS, access::rooms).completion())
        .mapEmpty();
  }

  private boolean refused(Message<Object> msg) {
    String observer = msg.headers().get(ObserverTokenRequest.HEADER_OBSERVER);
    if (observer == null || observer.isEmpty()) {
      msg.fail(BusErrors.FORBIDDEN, "observer requests come through the TCP bridge with an observer credential");
      return true;
    }
    if (liveKit == null) {
      msg.fail(BusErrors.UNAVAILABLE, "LiveKit not configured");
      return true;
    }
    return false;
  }

  private void rooms(Message<Object> msg) {
    if (refused(msg)) {
      return;
    }
    liveKit.rooms(List.of())
        .onSuccess(
            list -> msg.reply(
                new LiveRooms(list.stream().map(r -> new LiveRooms.Room(r.getName(), r.getSid(), r.getNumParticipants(), r.getCreationTime())).toList())
                    .toJson()))
        .onFailure(err -> fail(msg, err));
  }

  private void token(Message<Object> msg) {
    if (refused(msg)) {
      return;
    }
    String observer = msg.headers().get(ObserverTokenRequest.HEADER_OBSERVER);
    ObserverTokenRequest req;
    try {
      req = msg.body() instanceof JsonObject j && j.getValue("room") instanceof String ? ObserverTokenRequest.fromJson(j) : null;
    } catch (ClassCastException e) {
      req = null;
    }
    String problem = req == null ? "body must be {room}" : RoomNames.problem(req.room());
    if (problem != null) {
      msg.fail(BusErrors.BAD_REQUEST, problem);
      return;
    }
    String room = req.room();
    liveKit.rooms(List.of(room))
        .onSuccess(
            list -> {
              String sid = list.stream().filter(r -> r.getName().equals(room)).map(LivekitModels.Room::getSid).findFirst().orElse(null);
              if (sid == null) {
                msg.fail(BusErrors.NOT_FOUND, "LiveKit has no live room " + room);
                return;
              }
              String identity = identityOf(observer);
              Instant expires = clock.instant().plus(TTL);
              msg.reply(new ObserverToken(settings.url(), room, sid, identity, sign(identity, room, expires), expires.toString()).toJson());
              LOG.atInfo().addKeyValue("room", room).addKeyValue("address", Addresses.OBSERVER_TOKEN).addKeyValue("identity", identity).log("observer token issued");
            })
        .onFailure(err -> fail(msg, err));
  }

  /** One identity per observer credential: a new owner of a room replaces a dead owner's ghost at once. */
  static String identityOf(String observer) {
    return "observer_" + observer;
  }

  String sign(String identity, String room, Instant expires) {
    long now = clock.instant().getEpochSecond();
    JsonObject video =
        new JsonObject()
            .put("room", room)
            .put("roomJoin", true)
            .put("canSubscribe", true)
            .put("canPublish", false)
            .put("canPublishData", true)
            .put("hidden", true)
            .put("canManageAgentSession", true);
    JsonObject claims = new JsonObject().put("name", identity).put("video", video).put("nbf", now);
    JWTOptions options =
        new JWTOptions()
            .setAlgorithm("HS256")
            .setIssuer(settings.apiKey())
            .setSubject(identity)
            .setExpiresInSeconds((int) (expires.getEpochSecond() - now));
    return signer.generateToken(claims, options);
  }

  /** LiveKit's own words and code (502 refused, 503 unreachable, 504 timed out). */
  private static void fail(Message<Object> msg, Throwable err) {
    ControlFailure f = ControlFailure.of(err);
    msg.fail(f.code(), f.getMessage());
  }
}
