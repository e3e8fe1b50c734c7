package io.switchboard.debouncer;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.VerticleName;
import io.switchboard.platform.config.NodeIdentity;
import io.switchboard.platform.config.Settings;
import io.switchboard.contract.health.HealthReply;
import io.switchboard.platform.health.HealthResponder;
import io.switchboard.contract.live.RedisKeys;
import io.switchboard.contract.live.WatchedRooms;
import io.vertx.core.eventbus.Message;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.switchboard.platform.redis.RedisClients;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Redis keyspace notifications into room and call-list deltas (docs/architecture.md#deltas-and-late-join), coalescing each
 * room's changes for {@code debouncer.window.ms}; answers late-join history. After every
 * (re)subscription it resyncs from Redis, since notifications sent while disconnected are lost.
 */
public final class DebouncerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DebouncerVerticle.class);

  private Redis redis;
  private RedisAPI api;
  private KeyspaceSubscriber subscriber;
  private PartitionLeases leases;
  private RoomPublisher rooms;
  private DebouncerMetrics metrics;
  private String node;
  private static final long RESYNC_RETRY_MIN_MS = 100;
  private static final long RESYNC_RETRY_MAX_MS = 2000;
  private long resyncTimer = -1;

  @Override
  public Future<?> start() {
    Settings settings = Settings.of(config());
    DebouncerConfig cfg = DebouncerConfig.from(settings);
    node = NodeIdentity.of(vertx, settings);
    redis = RedisClients.pooled(vertx, cfg.redisUrl(), 8, 1024);
    api = RedisAPI.api(redis);

    String owner = node + "/" + UUID.randomUUID();
    metrics = new DebouncerMetrics();
    ListDeltaBatcher list = new ListDeltaBatcher(vertx, api, ListPacing.of(cfg), metrics);
    leases = new PartitionLeases(vertx, api, owner, acquired -> resync(), lost -> rooms.forget(leases::owns));
    DebugRings debug = new DebugRings(vertx, api, 50);
    rooms = new RoomPublisher(vertx, redis, cfg.windowMs(), r -> leases.owns(r), r -> leases.ownedSince(r), list, metrics, debug);
    subscriber = new KeyspaceSubscriber(vertx, redis, this::onKeyEvent, rooms::recorded, this::resync);
    HistoryService history = new HistoryService(vertx.eventBus(), redis, cfg.historyPageSize(), debug);

    return vertx.eventBus().consumer(Addresses.CALL_HISTORY, metrics.history(history::history)).completion()
        .compose(v -> vertx.eventBus().consumer(Addresses.CALLS_SNAPSHOT, history::snapshot).completion())
        .compose(v -> vertx.eventBus().<JsonObject>consumer(Addresses.CALLS_WATCHED, this::onWatched).completion())
        .compose(v -> leases.start())
        .onSuccess(v -> subscriber.start())
        .compose(v -> HealthResponder.register(vertx, VerticleName.DEBOUNCER, node, this::health));
  }

  private void onWatched(Message<JsonObject> m) {
    WatchedRooms watched;
    try {
      watched = WatchedRooms.fromJson(m.body());
    } catch (RuntimeException e) {
      LOG.atDebug().addKeyValue("error", String.valueOf(e)).log("calls.watched message not understood");
      return;
    }
    rooms.watching(watched);
  }

  private void onKeyEvent(String key, String event) {
    String room = RedisKeys.roomOfStateKey(key);
    if (room != null) {
      // the call hash's HSET is the one a change record can cover (docs/architecture.md#change-feed)
      rooms.notified(room, "hset".equals(event) && !key.endsWith(RedisKeys.LOG_SUFFIX));
    }
  }

  /** Re-reads every live room (and every room we published) after a gap in notifications. */
  private void resync() {
    resync(RESYNC_RETRY_MIN_MS);
  }

  /**
   * A failed resync is retried until one succeeds: the re-subscription can succeed while Redis is
   * still loading its append-only file (it answers -LOADING to reads), and the notifications of
   * that gap are lost, so without the retry rooms written just before an outage stayed stale.
   */
  private void resync(long retryMs) {
    if (resyncTimer >= 0) {
      return; // a retry is already scheduled and will read everything
    }
    api.zrange(List.of(RedisKeys.ACTIVE_CALLS, "0", "-1"))
        .onSuccess(
            active -> {
              for (Response r : active) {
                rooms.touch(r.toString());
              }
              rooms.knownRooms().forEach(rooms::touch);
              LOG.atDebug().addKeyValue("rooms", active.size()).log("debouncer resync");
            })
        .onFailure(err -> {
          LOG.atDebug().addKeyValue("error", err.getMessage()).addKeyValue("retryInMs", retryMs).log("resync deferred");
          resyncTimer = vertx.setTimer(retryMs, t -> {
            resyncTimer = -1;
            resync(Math.min(RESYNC_RETRY_MAX_MS, retryMs * 2));
          });
        });
  }

  private Future<HealthReply> health() {
    long[] flushes = metrics.flushes();
    return api.ping(List.of())
        .map(
            r ->
                new HealthReply(
                    VerticleName.DEBOUNCER.id(),
                    node,
                    subscriber.subscribed(),
                    new JsonObject()
                        .put("redis", "UP")
                        .put("keyspaceSubscription", subscriber.subscribed() ? "UP" : "DOWN")
                        .put("partitions", leases.owned().size())
                        .put("deltas", rooms.deltasPublished())
                        .put("flushesFromFeed", flushes[0])
                        .put("flushesFromReads", flushes[1])
                        .put("flushesUnwatched", metrics.unwatchedFlushes())
                        .put("watchedRooms", rooms.watchedRooms())));
  }

  @Override
  public Future<?> stop() {
    if (resyncTimer >= 0) {
      vertx.cancelTimer(resyncTimer);
    }
    if (subscriber != null) {
      subscriber.stop();
    }
    Future<Void> released = leases == null ? Future.succeededFuture() : leases.stop().recover(e -> Future.succeededFuture());
    return released.eventually(() -> redis == null ? Future.succeededFuture() : redis.close());
  }
}
