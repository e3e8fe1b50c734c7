package io.switchboard.control;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.CallEvent;
import io.switchboard.contract.live.EventType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How control changes call state: ingest is the only writer, so control sends it internal events
 * (no source header = trusted, from our own verticles). A lost event does not undo what already
 * happened in LiveKit or the agent, so a failure here is logged and reported in the reply
 * ({@code state_recorded:false}) instead of failing the action.
 */
final class CallStateEvents {
  private static final Logger LOG = LoggerFactory.getLogger(CallStateEvents.class);
  private static final long TIMEOUT_MS = 5000;

  private final Vertx vertx;
  private final Clock clock;

  CallStateEvents(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
  }

  /** Presence/action of a supervisor (ingest keeps listeners and takeover_by, logs the rest). */
  Future<Boolean> supervisor(CallState call, String action, String by, String text, String result) {
    JsonObject data = new JsonObject().put("action", action).put("by", by);
    if (text != null) {
      data.put("text", text);
    }
    if (result != null) {
      data.put("result", result);
    }
    return send(call, EventType.SUPERVISOR, data);
  }

  /** The call is over because a supervisor ended or transferred it. */
  Future<Boolean> ended(CallState call, String reason, String transferTarget, String roomSid) {
    JsonObject data = new JsonObject().put("reason", reason);
    if (transferTarget != null) {
      data.put("transfer_target", transferTarget);
    }
    if (roomSid != null) {
      data.put("room_sid", roomSid);
    }
    return send(call, EventType.CALL_ENDED, data);
  }

  private Future<Boolean> send(CallState call, EventType type, JsonObject data) {
    CallEvent event = new CallEvent(call.room(), call.sessionId(), type.wire(), null, clock.millis(), data);
    return vertx
        .eventBus()
        .request(Addresses.INGEST_CALL_EVENT, event.toJson(), new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .map(true)
        .recover(
            err -> {
              LOG.atWarn()
                  .addKeyValue("room", call.room())
                  .addKeyValue("session", call.sessionId())
                  .addKeyValue("event_type", type.wire())
                  .addKeyValue("error", err.getMessage())
                  .log("call state event not applied");
              return Future.succeededFuture(false);
            });
  }
}
