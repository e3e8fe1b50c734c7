package io.switchboard.contract.control;

import io.vertx.core.json.JsonObject;

/**
 * Body of every {@code control.<action>} request (listen, guide, takeover, handback, transfer,
 * end): {@code {room, text?, language?, force?}}. The caller comes from {@link CallerHeaders}.
 *
 * <p>Reply: {@code {v:1, ok:true, action, room, session_id, …}}; {@code listen} adds
 * {@code {url, token, identity, expires_at}} (a hidden, subscribe-only LiveKit token);
 * {@code takeover} adds a publish-capable token the same way. Failures carry HTTP-like codes
 * ({@link io.switchboard.contract.BusErrors}): 400 bad input, 401/403 caller, 404 no such call,
 * 409 held by another supervisor (message names the holder), 410 call ended, 429 rate limited,
 * 502 LiveKit refused (message says what LiveKit answered), 503 LiveKit/Redis unavailable
 * (including "audio unavailable: LiveKit not configured" for listen without LiveKit).
 *
 * @param room room name
 * @param text guide instruction (guide only; at most {@link #MAX_GUIDE_LENGTH} characters)
 * @param language transfer target language, e.g. en, ms (transfer only)
 * @param force admin only: take over a call another supervisor holds
 */
public record ControlRequest(String room, String text, String language, boolean force) {
  public static final int MAX_GUIDE_LENGTH = 500;

  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("room", room);
    if (text != null) {
      j.put("text", text);
    }
    if (language != null) {
      j.put("language", language);
    }
    if (force) {
      j.put("force", true);
    }
    return j;
  }

  /** Throws ClassCastException on wrong field types (callers turn it into a 400). */
  public static ControlRequest fromJson(JsonObject j) {
    return new ControlRequest(j.getString("room"), j.getString("text"), j.getString("language"), j.getBoolean("force", false));
  }
}
