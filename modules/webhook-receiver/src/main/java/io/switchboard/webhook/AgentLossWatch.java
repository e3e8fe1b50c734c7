package io.switchboard.webhook;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.CallEvent;
import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.EventType;
import io.switchboard.contract.live.RedisKeys;
import io.switchboard.contract.sentiment.Alert;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import java.util.List;
import livekit.LivekitModels;
import livekit.LivekitWebhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent that crashed leaves the customer alone in the room: the call must not vanish, it is the
 * call a human must take now. When LiveKit reports the call's agent left (its recorded identity,
 * or a participant of kind AGENT) while the call is live, the agent state becomes {@code lost}
 * and every supervisor gets an {@code agent_lost} alert.
 */
final class AgentLossWatch {
  private static final Logger LOG = LoggerFactory.getLogger(AgentLossWatch.class);
  static final String REASON = "agent_lost";

  private final Vertx vertx;
  private final RedisAPI redis;

  AgentLossWatch(Vertx vertx, RedisAPI redis) {
    this.vertx = vertx;
    this.redis = redis;
  }

  Future<Void> check(LivekitWebhook.WebhookEvent e) {
    if (!"participant_left".equals(e.getEvent())) {
      return Future.succeededFuture();
    }
    String room = e.getRoom().getName();
    LivekitModels.ParticipantInfo p = e.getParticipant();
    return redis
        .hmget(List.of(RedisKeys.call(room), CallFields.AGENT, CallFields.STATUS, CallFields.SESSION_ID, CallFields.ROOM_SID))
        .compose(
            f -> {
              String agent = text(f.get(0));
              String session = text(f.get(2));
              String sid = text(f.get(3));
              boolean isAgent = p.getKind() == LivekitModels.ParticipantInfo.Kind.AGENT || (!agent.isEmpty() && agent.equals(p.getIdentity()));
              boolean sameRoom = sid.isEmpty() || e.getRoom().getSid().isEmpty() || sid.equals(e.getRoom().getSid());
              if (!isAgent || !"active".equals(text(f.get(1))) || !sameRoom) {
                return Future.succeededFuture();
              }
              long now = System.currentTimeMillis();
              CallEvent lost = new CallEvent(room, session, EventType.AGENT_STATE.wire(), e.getId().isEmpty() ? null : "lk:" + e.getId() + ":lost", now,
                  new JsonObject().put("state", "lost"));
              return vertx.eventBus().request(Addresses.INGEST_CALL_EVENT, lost.toJson()).<Void>mapEmpty().onSuccess(v -> {
                vertx.eventBus().publish(Addresses.ALERTS,
                    new Alert(room, session, REASON, "the agent " + p.getIdentity() + " left the room; the customer is still on the line", 0, now).toJson());
                LOG.atWarn().addKeyValue("room", room).addKeyValue("session", session).addKeyValue("agent", p.getIdentity()).log("agent lost");
              });
            });
  }

  private static String text(io.vertx.redis.client.Response r) {
    return r == null ? "" : r.toString();
  }
}
