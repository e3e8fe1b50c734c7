package io.switchboard.analytics;

import io.switchboard.contract.VerticleName;
import io.switchboard.contract.config.AnalyticsConfig;
import io.switchboard.contract.config.CommonKeys;
import io.switchboard.contract.config.Settings;
import io.switchboard.contract.health.HealthReply;
import io.switchboard.contract.health.HealthResponder;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

/** Archives ended calls to MongoDB idempotently, answers KPI queries, stores the audit log. */
public final class AnalyticsVerticle extends VerticleBase {
  private MongoClient mongo;
  private String node;

  @Override
  public Future<?> start() {
    Settings settings = Settings.of(config());
    AnalyticsConfig cfg = AnalyticsConfig.from(settings);
    node = settings.string(CommonKeys.NODE_ID, "local");
    mongo = MongoClient.create(vertx, new JsonObject()
        .put("connection_string", cfg.mongoUrl())
        .put("db_name", cfg.mongoDb())
        .put("serverSelectionTimeoutMS", 2000));
    return HealthResponder.register(vertx, VerticleName.ANALYTICS, node, this::health);
  }

  private Future<HealthReply> health() {
    return mongo.runCommand("ping", new JsonObject().put("ping", 1))
        .map(r -> new HealthReply(VerticleName.ANALYTICS.id(), node, true, new JsonObject().put("mongo", "UP")));
  }

  @Override
  public Future<?> stop() {
    return mongo == null ? Future.succeededFuture() : mongo.close();
  }
}
