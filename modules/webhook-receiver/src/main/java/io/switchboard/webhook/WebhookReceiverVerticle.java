package io.switchboard.webhook;

import io.livekit.server.WebhookReceiver;
import io.switchboard.contract.Addresses;
import io.switchboard.contract.BusErrors;
import io.switchboard.contract.SchemaVersion;
import io.switchboard.contract.VerticleName;
import io.switchboard.platform.config.NodeIdentity;
import io.switchboard.platform.config.Settings;
import io.switchboard.contract.health.HealthReply;
import io.switchboard.platform.health.HealthResponder;
import io.switchboard.platform.livekit.LiveKitApi;
import io.switchboard.contract.live.CallEvent;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.switchboard.platform.redis.LuaScript;
import io.switchboard.platform.redis.RedisClients;
import io.switchboard.contract.live.RedisKeys;
import java.util.List;
import livekit.LivekitWebhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LiveKit webhooks: signature and body hash checked with the SDK's {@link WebhookReceiver},
 * de-duplicated by webhook id, mapped to call lifecycle events for ingest (so a room that
 * finished ends its call even if the agent crashed). Runs the ghost-call reconciler when LiveKit
 * is configured.
 */
public final class WebhookReceiverVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiverVerticle.class);
  private static final long DEDUP_SECONDS = 24 * 3600;
  private static final LuaScript PARTICIPANT_JOINED = LuaScript.fromResource(WebhookReceiverVerticle.class, "lua/participant-joined.lua");
  private static final LuaScript PARTICIPANT_LEFT = LuaScript.fromResource(WebhookReceiverVerticle.class, "lua/participant-left.lua");

  private Redis redis;
  private RedisAPI api;
  private WebhookReceiver receiver;
  private Reconciler reconciler;
  private AgentLossWatch agentLoss;
  private String node;

  @Override
  public Future<?> start() {
    Settings settings = Settings.of(config());
    WebhookReceiverConfig cfg = WebhookReceiverConfig.from(settings);
    node = NodeIdentity.of(vertx, settings);
    redis = RedisClients.pooled(vertx, cfg.redisUrl(), 6, 256);
    api = RedisAPI.api(redis);
    agentLoss = new AgentLossWatch(vertx, api);
    if (cfg.liveKit().hasCredentials()) {
      receiver = new WebhookReceiver(cfg.liveKit().apiKey(), cfg.liveKit().apiSecret());
    }
    if (cfg.liveKit().configured() && cfg.reconcileSeconds() > 0) {
      reconciler = new Reconciler(vertx, api, new LiveKitApi(vertx, cfg.liveKit(), Reconciler.LIVEKIT_TIMEOUT_MS), cfg.reconcileGraceMs());
      vertx.setPeriodic(cfg.reconcileSeconds() * 1000L, id -> reconciler.reconcile());
    }
    return vertx
        .eventBus()
        .<Object>consumer(Addresses.WEBHOOK_LIVEKIT, new WebhookMetrics().observe(this::handle))
        .completion()
        .compose(v -> HealthResponder.register(vertx, VerticleName.WEBHOOK_RECEIVER, node, this::health));
  }

  private void handle(Message<Object> msg) {
    if (receiver == null) {
      msg.fail(BusErrors.UNAVAILABLE, "LiveKit webhooks are not configured (set LIVEKIT_API_KEY and LIVEKIT_API_SECRET)");
      return;
    }
    if (!(msg.body() instanceof JsonObject req) || !(req.getValue("body") instanceof String body)) {
      msg.fail(BusErrors.BAD_REQUEST, "expected {body, authorization}");
      return;
    }
    LivekitWebhook.WebhookEvent event;
    try {
      event = receiver.receive(body, req.getString("authorization", ""));
    } catch (Exception e) {
      // forged, expired, wrong key, or a body that does not match its signed hash; the SDK is
      // Kotlin and also throws protobuf's checked InvalidProtocolBufferException for a signed
      // body that is not a webhook event (a handler that let it escape never replied: 503)
      LOG.atWarn().addKeyValue("address", Addresses.WEBHOOK_LIVEKIT).addKeyValue("reason", e.getClass().getSimpleName()).log("webhook rejected");
      if (e instanceof com.google.protobuf.InvalidProtocolBufferException) {
        msg.fail(BusErrors.BAD_REQUEST, "not a LiveKit webhook event");
      } else {
        msg.fail(BusErrors.UNAUTHORIZED, "webhook signature invalid");
      }
      return;
    }
    LivekitWebhook.WebhookEvent verified = event;
    String roomProblem = io.switchboard.contract.RoomNames.problem(event.getRoom().getName());
    if (roomProblem != null) {
      // a room no call of Switchboard can have (room names follow RoomNames): nothing to apply, and
      // failing would only make LiveKit retry it (it answered 503 before: ingest refused the name)
      LOG.atInfo().addKeyValue("address", Addresses.WEBHOOK_LIVEKIT).addKeyValue("event", event.getEvent()).log("webhook for a room name Switchboard never tracks: ignored");
      msg.reply(new JsonObject().put(SchemaVersion.FIELD, SchemaVersion.CURRENT).put("ok", true).put("duplicate", false).put("ignored", roomProblem));
      return;
    }
    String id = event.getId();
    Future<Boolean> firstTime =
        id.isEmpty()
            ? Future.succeededFuture(true)
            : api.set(List.of("webhook:seen:" + id, "1", "NX", "EX", String.valueOf(DEDUP_SECONDS))).map(r -> r != null);
    firstTime
        .compose(first -> first ? apply(event).map(true) : Future.succeededFuture(false))
        .onSuccess(applied -> msg.reply(new JsonObject().put(SchemaVersion.FIELD, SchemaVersion.CURRENT).put("ok", true).put("duplicate", !applied)))
        .onFailure(
            err -> {
              // let LiveKit's retry apply it: forget that we saw it
              if (!id.isEmpty()) {
                api.del(List.of("webhook:seen:" + id));
              }
              LOG.atWarn().addKeyValue("room", verified.getRoom().getName()).addKeyValue("event", verified.getEvent())
                  .addKeyValue("webhook", id).addKeyValue("error", err.getMessage()).log("webhook not applied");
              msg.fail(BusErrors.UNAVAILABLE, "webhook not applied: " + err.getMessage());
            });
  }

  private Future<Void> apply(LivekitWebhook.WebhookEvent event) {
    LOG.atInfo()
        .addKeyValue("room", event.getRoom().getName())
        .addKeyValue("event", event.getEvent())
        .addKeyValue("webhook", event.getId())
        .log("livekit webhook");
    return roomParticipants(event)
        .compose(
            current -> {
              if (!current) {
                // the identity is held by a newer connection: this leave changes nobody's presence
                LOG.atInfo().addKeyValue("room", event.getRoom().getName()).addKeyValue("webhook", event.getId())
                    .addKeyValue("participant", event.getParticipant().getSid()).log("stale participant_left ignored");
                return Future.succeededFuture();
              }
              Future<Void> chain = Future.succeededFuture();
              for (CallEvent call : WebhookEvents.toCallEvents(event)) {
                chain = chain.compose(v -> send(call));
              }
              return chain.compose(v -> agentLoss.check(event));
            });
  }

  /**
   * LiveKit's participant set of the room, whether or not its call exists yet (RedisKeys), and
   * which connection holds each identity. False for a participant_left of a connection the same
   * identity already replaced (docs/architecture.md, "Presence").
   */
  private Future<Boolean> roomParticipants(LivekitWebhook.WebhookEvent e) {
    String room = e.getRoom().getName();
    List<String> keys = List.of(RedisKeys.liveKitParticipants(room), RedisKeys.liveKitParticipantSids(room));
    String identity = e.getParticipant().getIdentity();
    String sid = e.getParticipant().getSid();
    return switch (e.getEvent()) {
      case "room_started", "room_finished" -> api.del(keys).map(true);
      case "participant_joined" -> PARTICIPANT_JOINED.run(api, keys, List.of(identity, sid, String.valueOf(DEDUP_SECONDS))).map(true);
      case "participant_left" -> PARTICIPANT_LEFT.run(api, keys, List.of(identity, sid)).map(r -> r != null && r.toInteger() == 1);
      default -> Future.succeededFuture(true);
    };
  }

  private Future<Void> send(CallEvent call) {
    return vertx
        .eventBus()
        .request(Addresses.INGEST_CALL_EVENT, call.toJson())
        .<Void>mapEmpty()
        .recover(
            err -> {
              // no live call for that room (never started, or already ended): nothing to do
              if (err instanceof ReplyException re && (re.failureCode() == BusErrors.NOT_FOUND || re.failureCode() == BusErrors.GONE || re.failureCode() == BusErrors.CONFLICT)) {
                return Future.succeededFuture();
              }
              return Future.failedFuture(err);
            });
  }

  private Future<HealthReply> health() {
    return api.ping(List.of())
        .map(
            r -> {
              JsonObject details = new JsonObject().put("redis", "UP").put("webhooks", receiver != null ? "configured" : "not configured");
              if (reconciler == null) {
                details.put("reconciler", "disabled");
              } else {
                details.put("reconciler", reconciler.lastError() == null ? "UP" : "DOWN: " + reconciler.lastError());
              }
              return new HealthReply(VerticleName.WEBHOOK_RECEIVER.id(), node, true, details);
            });
  }

  @Override
  public Future<?> stop() {
    return redis == null ? Future.succeededFuture() : redis.close();
  }
}
