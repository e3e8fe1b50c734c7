package io.switchboard.control;

import io.switchboard.contract.VerticleName;
import io.switchboard.platform.config.NodeIdentity;
import io.switchboard.platform.config.Settings;
import io.switchboard.contract.control.ControlActions;
import io.switchboard.contract.health.HealthReply;
import io.switchboard.platform.health.HealthResponder;
import io.switchboard.platform.livekit.LiveKitApi;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.switchboard.platform.redis.RedisClients;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervisor actions ({@code control.listen|guide|takeover|handback|transfer|end}) through the
 * LiveKit Server SDK, authorised by role and audited. Without LiveKit configured the same
 * actions drive the simulator through {@code agent.<room>.control}, so the demo is clickable.
 */
public final class ControlVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ControlVerticle.class);

  private Redis redis;
  private RedisAPI api;
  private String node;
  private boolean liveKitConfigured;

  @Override
  public Future<?> start() {
    Settings settings = Settings.of(config());
    ControlConfig cfg = ControlConfig.from(settings);
    node = NodeIdentity.of(vertx, settings);
    redis = RedisClients.pooled(vertx, cfg.redisUrl(), 6, 256);
    api = RedisAPI.api(redis);
    liveKitConfigured = cfg.liveKit().configured();
    Clock clock = Clock.systemUTC();
    LiveKitApi liveKit = liveKitConfigured ? new LiveKitApi(vertx, cfg.liveKit(), cfg.liveKitTimeoutMs()) : null;
    ControlServices services =
        new ControlServices(
            cfg,
            new CallStateReader(api),
            new TakeoverLock(api),
            new GuideRateLimiter(api, cfg.guideRateMax(), cfg.guideRateWindowMs()),
            liveKit,
            liveKitConfigured ? new ListenTokens(cfg.liveKit(), clock) : null,
            new CallStateEvents(vertx, clock),
            new AgentCommands(vertx, clock, liveKit));
    SupervisorActionRunner runner = new SupervisorActionRunner(services, new AuditTrail(vertx), clock);
    List<ControlAction> actions =
        List.of(
            new ListenAction(services),
            new GuideAction(services),
            new TakeoverAction(services),
            new HandbackAction(services),
            new TransferAction(services),
            new EndAction(services));
    List<Future<?>> ready = new ArrayList<>();
    for (ControlAction action : actions) {
      MessageConsumer<Object> c = vertx.eventBus().consumer(ControlActions.address(action.name()), msg -> runner.handle(action, msg));
      ready.add(c.completion());
    }
    ready.add(ObserverAccess.register(vertx, cfg, liveKit));
    LOG.atInfo()
        .addKeyValue("node", node)
        .addKeyValue("livekit", liveKitConfigured ? "configured" : "not configured")
        .addKeyValue("transfer_languages", String.join(",", cfg.transferTargets().keySet()))
        .log("control started");
    return Future.all(ready).compose(v -> HealthResponder.register(vertx, VerticleName.CONTROL, node, this::health));
  }

  private Future<HealthReply> health() {
    return api.ping(List.of())
        .map(
            r -> new HealthReply(
                VerticleName.CONTROL.id(),
                node,
                true,
                new JsonObject().put("redis", "UP").put("livekit", liveKitConfigured ? "configured" : "not configured")));
  }

  @Override
  public Future<?> stop() {
    return redis == null ? Future.succeededFuture() : redis.close();
  }
}
