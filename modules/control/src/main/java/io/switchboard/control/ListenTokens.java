package io.switchboard.control;

import io.livekit.server.AccessToken;
import io.livekit.server.CanPublish;
import io.livekit.server.CanPublishData;
import io.livekit.server.CanSubscribe;
import io.livekit.server.Hidden;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import io.switchboard.platform.config.LiveKitSettings;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * LiveKit access tokens for supervisors, signed locally with the API secret (no network). Only
 * issued after the room was checked live and matching the call: LiveKit creates a room for any
 * token holder that joins, so a token for a stale room would recreate it.
 */
final class ListenTokens {
  static final Duration TTL = Duration.ofHours(1);

  /** A signed token; {@code token} is a credential: never log it. */
  record Issued(String token, String identity, Instant expiresAt) {}

  /** The reply fields that let a browser join: {url, token, identity, expires_at}. */
  JsonObject replyFields(Issued t) {
    return new JsonObject()
        .put("url", settings.url())
        .put("token", t.token())
        .put("identity", t.identity())
        .put("expires_at", t.expiresAt().toString());
  }

  private final LiveKitSettings settings;
  private final Clock clock;

  ListenTokens(LiveKitSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Silent observation: hidden from the other participants, may not publish anything. */
  Issued listen(String user, String room) {
    return issue(user, room, false);
  }

  /** After a takeover: the supervisor speaks to the customer, so visible and publishing audio. */
  Issued speak(String user, String room) {
    return issue(user, room, true);
  }

  private Issued issue(String user, String room, boolean speak) {
    String identity = Caller.identityOf(user);
    Instant expires = clock.instant().plus(TTL);
    AccessToken t = new AccessToken(settings.apiKey(), settings.apiSecret());
    t.setIdentity(identity);
    t.setName(user);
    t.setTtl(TTL.toMillis()); // the SDK's TTL is in milliseconds
    t.addGrants(
        new RoomJoin(true),
        new RoomName(room),
        new CanSubscribe(true),
        new CanPublish(speak),
        new CanPublishData(false),
        new Hidden(!speak));
    return new Issued(t.toJwt(), identity, expires);
  }
}
