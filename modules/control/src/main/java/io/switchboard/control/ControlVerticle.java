package io.switchboard.control;

import io.switchboard.contract.VerticleName;
import io.switchboard.contract.config.CommonKeys;
import io.switchboard.contract.config.ControlConfig;
import io.switchboard.contract.config.Settings;
import io.switchboard.contract.health.HealthReply;
import io.switchboard.contract.health.HealthResponder;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.util.List;

/** Supervisor actions through the LiveKit Server SDK, audited. */
public final class ControlVerticle extends VerticleBase {
  private Redis redis;
  private RedisAPI api;
  private String node;

  @Override
  public Future<?> start() {
    Settings settings = Settings.of(config());
    ControlConfig cfg = ControlConfig.from(settings);
    node = settings.string(CommonKeys.NODE_ID, "local");
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(cfg.redisUrl()));
    api = RedisAPI.api(redis);
    return HealthResponder.register(vertx, VerticleName.CONTROL, node, this::health);
  }

  private Future<HealthReply> health() {
    return api.ping(List.of())
        .map(r -> new HealthReply(VerticleName.CONTROL.id(), node, true, new JsonObject().put("redis", "UP")));
  }

  @Override
  public Future<?> stop() {
    return redis == null ? Future.succeededFuture() : redis.close();
  }
}
