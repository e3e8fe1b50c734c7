package io.switchboard.contract.observer;

import io.vertx.core.json.JsonObject;

/**
 * Body of {@code observer.token}: {@code {room}}. Only the room observer may ask: the gateway's
 * TCP bridge lets only observer credentials send it and stamps {@link #HEADER_OBSERVER} with the
 * observer's name (bridge clients cannot set headers of their own), and control refuses a request
 * without it (403).
 *
 * @param room LiveKit room name
 */
public record ObserverTokenRequest(String room) {
  /** Name of the observer credential that sent the request; set only by the gateway's bridge. */
  public static final String HEADER_OBSERVER = "x-switchboard-observer";

  public JsonObject toJson() {
    return new JsonObject().put("room", room);
  }

  /** Throws ClassCastException on wrong field types (callers turn it into a 400). */
  public static ObserverTokenRequest fromJson(JsonObject j) {
    return new ObserverTokenRequest(j.getString("room"));
  }
}
