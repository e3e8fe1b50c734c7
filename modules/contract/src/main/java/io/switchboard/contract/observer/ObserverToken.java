package io.switchboard.contract.observer;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonObject;

/**
 * Reply of {@code observer.token}: a LiveKit access token for one room that lets the observer
 * join hidden, subscribe, publish no media, send data (the remote-session requests are byte
 * streams) and carries {@code canManageAgentSession}. {@code token} is a credential: never logged.
 *
 * <pre>{"v":1, "url":"ws://…", "room":"call-1", "room_sid":"RM_…", "identity":"observer_obs-1_…",
 *  "token":"eyJ…", "expires_at":"2026-12-01T20:00:00Z"}</pre>
 */
public record ObserverToken(String url, String room, String roomSid, String identity, String token, String expiresAt) {
  public JsonObject toJson() {
    return new JsonObject()
        .put("v", SchemaVersion.CURRENT)
        .put("url", url)
        .put("room", room)
        .put("room_sid", roomSid)
        .put("identity", identity)
        .put("token", token)
        .put("expires_at", expiresAt);
  }

  public static ObserverToken fromJson(JsonObject j) {
    return new ObserverToken(
        j.getString("url"), j.getString("room"), j.getString("room_sid"), j.getString("identity"), j.getString("token"), j.getString("expires_at"));
  }
}
