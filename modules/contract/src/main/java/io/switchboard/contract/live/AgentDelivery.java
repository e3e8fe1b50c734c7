package io.switchboard.contract.live;

import io.vertx.core.json.JsonObject;

/**
 * Whether the agent of a call received a control message, carried in every {@code control.<action>}
 * reply as {@code delivered} (boolean) and {@code reason} (null when delivered). A supervisor must
 * never believe an instruction reached an AI that is not there.
 *
 * <p>Reasons: {@link #NO_AGENT_IN_ROOM} (LiveKit lists no agent participant), {@link
 * #LIVEKIT_UNAVAILABLE} (LiveKit's SendData or ListParticipants failed), {@link
 * #NO_AGENT_CONNECTED} (no agent consumes {@code agent.<room>.control} on the bus), {@link
 * #NOT_ACKNOWLEDGED} (an agent on the bus did not answer in time), {@link #NOT_SENT} (the action
 * sends the agent nothing, e.g. listen), or the agent's own refusal (e.g. {@code session mismatch}).
 */
public record AgentDelivery(boolean delivered, String reason) {
  public static final String NO_AGENT_IN_ROOM = "no_agent_in_room";
  public static final String LIVEKIT_UNAVAILABLE = "livekit_unavailable";
  public static final String NO_AGENT_CONNECTED = "no_agent_connected";
  public static final String NOT_ACKNOWLEDGED = "not_acknowledged";
  public static final String NOT_SENT = "not_sent";

  /** Data-channel topic of server-sent control messages in the room (RoomService SendData). */
  public static final String TOPIC = "switchboard.control";

  public static AgentDelivery ok() {
    return new AgentDelivery(true, null);
  }

  public static AgentDelivery failed(String reason) {
    return new AgentDelivery(false, reason);
  }

  /** Adds {@code delivered} and {@code reason} to an action reply. */
  public JsonObject into(JsonObject reply) {
    return reply.put("delivered", delivered).put("reason", reason);
  }
}
