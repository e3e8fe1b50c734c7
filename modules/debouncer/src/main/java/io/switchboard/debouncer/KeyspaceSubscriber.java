package io.switchboard.debouncer;

import io.switchboard.contract.live.RedisKeys;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dedicated Redis connection subscribed to {@code __keyspace@0__:call:*}. Keyspace notifications
 * are fire-and-forget and lost while disconnected, so after every (re)subscription {@code
 * onSubscribed} runs (the debouncer resyncs from Redis). Reconnects with capped back-off.
 */
final class KeyspaceSubscriber {
  private static final Logger LOG = LoggerFactory.getLogger(KeyspaceSubscriber.class);
  private final Vertx vertx;
  private final Redis client;
  private final BiConsumer<String, String> onEvent;
  private final Runnable onSubscribed;
  private RedisConnection connection;
  private int attempt;
  private boolean stopped;
  private boolean reconnectPending;
  private volatile boolean subscribed;

  /** onEvent receives (key, event) such as ("call:r1:log", "xadd"). */
  KeyspaceSubscriber(Vertx vertx, Redis client, BiConsumer<String, String> onEvent, Runnable onSubscribed) {
    this.vertx = vertx;
    this.client = client;
    this.onEvent = onEvent;
    this.onSubscribed = onSubscribed;
  }

  boolean subscribed() {
    return subscribed;
  }

  void start() {
    connect();
  }

  void stop() {
    stopped = true;
    if (connection != null) {
      connection.close();
    }
  }

  private void connect() {
    if (stopped) {
      return;
    }
    client
        .connect()
        .compose(
            conn -> {
              connection = conn;
              conn.handler(this::onMessage);
              conn.exceptionHandler(err -> { if (conn == connection) lost("connection error: " + err.getMessage()); });
              conn.endHandler(v -> { if (conn == connection) lost("connection closed"); });
              // notifications may have been switched off (or the server restarted without them);
              // a managed Redis may refuse CONFIG: then its operator must enable them
              return conn.send(Request.cmd(Command.CONFIG).arg("SET").arg("notify-keyspace-events").arg("KEA"))
                  .recover(err -> {
                    LOG.atWarn().addKeyValue("error", err.getMessage()).log("cannot enable keyspace notifications; relying on server config");
                    return io.vertx.core.Future.succeededFuture();
                  })
                  .compose(v -> conn.send(Request.cmd(Command.PSUBSCRIBE).arg(RedisKeys.KEYSPACE_PATTERN)));
            })
        .onSuccess(
            v -> {
              attempt = 0;
              subscribed = true;
              LOG.atInfo().addKeyValue("pattern", RedisKeys.KEYSPACE_PATTERN).log("keyspace subscription active");
              onSubscribed.run();
            })
        .onFailure(err -> lost("connect failed: " + err.getMessage()));
  }

  private void lost(String why) {
    if (stopped || reconnectPending) {
      return;
    }
    reconnectPending = true;
    subscribed = false;
    if (connection != null) {
      RedisConnection old = connection;
      connection = null;
      old.close();
    }
    long delay = Math.min(2000, 100L << Math.min(attempt++, 5));
    LOG.atWarn().addKeyValue("reason", why).addKeyValue("retryInMs", delay).log("keyspace subscription lost");
    vertx.setTimer(
        delay,
        t -> {
          reconnectPending = false;
          connect();
        });
  }

  private void onMessage(Response r) {
    if (r.size() >= 4 && "pmessage".equals(r.get(0).toString())) {
      String channel = r.get(2).toString();
      if (channel.startsWith(RedisKeys.KEYSPACE_PREFIX)) {
        onEvent.accept(channel.substring(RedisKeys.KEYSPACE_PREFIX.length()), r.get(3).toString());
      }
    }
  }
}
