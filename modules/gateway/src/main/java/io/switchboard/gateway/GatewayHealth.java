package io.switchboard.gateway;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.VerticleName;
import io.switchboard.contract.health.HealthReply;
import io.switchboard.platform.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The checks behind {@code GET /health}: the shared stores (Redis, MongoDB), the cluster, and every
 * expected verticle, asked over the bus wherever in the cluster it runs. 200 when all are UP, 503
 * with the failing check named otherwise.
 */
final class GatewayHealth {
  private final Vertx vertx;
  private final GatewayConfig cfg;
  private final HealthChecks checks;
  /**
   * Each probe gives up before its procedure's timeout: a probe that outlived the procedure made
   * the answer a 500 "procedure failed" (and completed an already-timed-out promise) instead of a
   * 503 naming the dead store.
   */
  private final long probeMs;
  private Redis redis;
  private MongoClient mongo;

  GatewayHealth(Vertx vertx, GatewayConfig cfg) {
    this.vertx = vertx;
    this.cfg = cfg;
    this.checks = HealthChecks.create(vertx);
    this.probeMs = cfg.healthTimeout().toMillis();
    // the procedures wait a little longer than their probes, so a probe's own deadline decides
    long timeout = probeMs + Math.max(250, probeMs / 2);
    if (cfg.redisUrl() != null) {
      redis = RedisClients.pooled(vertx, cfg.redisUrl(), 2, 16);
      checks.register("redis", timeout, this::checkRedis);
    }
    if (cfg.mongoUrl() != null) {
      mongo =
          MongoClient.createShared(
              vertx,
              new JsonObject()
                  .put("connection_string", cfg.mongoUrl())
                  .put("db_name", cfg.mongoDb())
                  .put("serverSelectionTimeoutMS", probeMs)
                  .put("connectTimeoutMS", probeMs),
              "switchboard-gateway-health");
      checks.register("mongo", timeout, this::checkMongo);
    }
    checks.register("cluster", timeout, this::checkCluster);
    for (VerticleName expected : cfg.healthExpect()) {
      checks.register("verticles/" + expected.id(), timeout, p -> checkVerticle(expected, p));
    }
  }

  HealthChecks checks() {
    return checks;
  }

  private void checkRedis(Promise<Status> p) {
    probe(p, () -> RedisAPI.api(redis).ping(List.of()), r -> Status.OK());
  }

  private void checkMongo(Promise<Status> p) {
    probe(p, () -> mongo.runCommand("ping", new JsonObject().put("ping", 1)), r -> Status.OK());
  }

  /**
   * Runs one probe with its own deadline, set before the client is called: a first call that is
   * slow to even start (a driver warming up on a loaded machine) still loses to this timer, not to
   * the procedure's, so the answer stays a 503 naming the check.
   */
  private <T> void probe(Promise<Status> p, Supplier<Future<T>> call, Function<T, Status> ok) {
    long timer = vertx.setTimer(probeMs, t -> p.tryComplete(Status.KO(new JsonObject().put("reason", "no answer within " + probeMs + " ms"))));
    Future<T> f;
    try {
      f = call.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> {
      vertx.cancelTimer(timer);
      p.tryComplete(ar.succeeded() ? ok.apply(ar.result()) : Status.KO(reason(ar.cause())));
    });
  }

  private void checkCluster(Promise<Status> p) {
    if (!vertx.isClustered()) {
      p.complete(Status.OK(new JsonObject().put("mode", "standalone")));
      return;
    }
    var cm = ((VertxInternal) vertx).clusterManager();
    p.complete(
        Status.OK(
            new JsonObject()
                .put("mode", "clustered")
                .put("node", cm.getNodeId())
                .put("members", cm.getNodes().size())));
  }

  private void checkVerticle(VerticleName name, Promise<Status> p) {
    probe(
        p,
        () -> vertx.eventBus().<JsonObject>request(Addresses.health(name), new JsonObject(), new DeliveryOptions().setSendTimeout(probeMs))
            .recover(e -> Future.failedFuture(
                e instanceof ReplyException re && re.failureType() == io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS
                    ? new IllegalStateException("not running on any reachable node")
                    : e)),
        m -> {
          HealthReply reply = HealthReply.fromJson(m.body());
          JsonObject data = new JsonObject().put("node", reply.node()).mergeIn(reply.details());
          return reply.up() ? Status.OK(data) : Status.KO(data);
        });
  }

  private static JsonObject reason(Throwable e) {
    return new JsonObject().put("reason", String.valueOf(e.getMessage()));
  }

  Future<Void> close() {
    Future<Void> r = redis == null ? Future.succeededFuture() : redis.close();
    return r.eventually(() -> mongo == null ? Future.succeededFuture() : mongo.close());
  }
}
