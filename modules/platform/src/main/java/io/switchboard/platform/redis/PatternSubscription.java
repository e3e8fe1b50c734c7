package io.switchboard.platform.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dedicated Redis connection with one {@code PSUBSCRIBE} (of one or more patterns: messages of
 * all of them arrive on this one connection in the order Redis sent them), kept alive: a lost or refused
 * connection is retried with capped back-off (100 ms doubling to 2 s). Pub/sub messages are
 * fire-and-forget and lost while disconnected, so {@code onSubscribed} runs after every
 * (re)subscription and the owner catches up from Redis itself. Used by the debouncer's keyspace
 * notifications and ingest's send-order wake-ups (docs/architecture.md).
 */
public final class PatternSubscription {
  private static final Logger LOG = LoggerFactory.getLogger(PatternSubscription.class);
  private final Vertx vertx;
  private final Redis client;
  private final List<String> patterns;
  private final Function<RedisConnection, Future<?>> beforeSubscribe;
  private final BiConsumer<String, Response> onMessage;
  private final Runnable onSubscribed;
  private RedisConnection connection;
  private int attempt;
  private boolean stopped;
  private boolean reconnectPending;
  private volatile boolean subscribed;

  /**
   * @param beforeSubscribe runs on each new connection before the subscription (e.g. CONFIG SET);
   *     its failure is the owner's to recover, a failed future drops the connection
   * @param onMessage receives (channel, message) of every {@code pmessage}
   */
  public PatternSubscription(Vertx vertx, Redis client, String pattern, Function<RedisConnection, Future<?>> beforeSubscribe,
      BiConsumer<String, String> onMessage, Runnable onSubscribed) {
    this(vertx, client, List.of(pattern), beforeSubscribe, (channel, message) -> onMessage.accept(channel, message.toString()), onSubscribed);
  }

  /**
   * Several patterns on one connection, messages as Redis replies (a payload that is not text, or
   * whose bytes matter, is read with {@link Response#toBuffer()}).
   */
  public PatternSubscription(Vertx vertx, Redis client, List<String> patterns, Function<RedisConnection, Future<?>> beforeSubscribe,
      BiConsumer<String, Response> onMessage, Runnable onSubscribed) {
    this.vertx = vertx;
    this.client = client;
    this.patterns = List.copyOf(patterns);
    this.beforeSubscribe = beforeSubscribe;
    this.onMessage = onMessage;
    this.onSubscribed = onSubscribed;
  }

  public boolean subscribed() {
    return subscribed;
  }

  public void start() {
    connect();
  }

  public void stop() {
    stopped = true;
    subscribed = false;
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
              conn.handler(this::onResponse);
              conn.exceptionHandler(err -> { if (conn == connection) lost("connection error: " + err.getMessage()); });
              conn.endHandler(v -> { if (conn == connection) lost("connection closed"); });
              Request psubscribe = Request.cmd(Command.PSUBSCRIBE);
              patterns.forEach(psubscribe::arg);
              return beforeSubscribe.apply(conn).compose(v -> conn.send(psubscribe));
            })
        .onSuccess(
            v -> {
              attempt = 0;
              subscribed = true;
              LOG.atInfo().addKeyValue("pattern", String.join(" ", patterns)).log("redis subscription active");
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
    LOG.atWarn().addKeyValue("pattern", String.join(" ", patterns)).addKeyValue("reason", why).addKeyValue("retryInMs", delay).log("redis subscription lost");
    vertx.setTimer(
        delay,
        t -> {
          reconnectPending = false;
          connect();
        });
  }

  private void onResponse(Response r) {
    if (r.size() >= 4 && "pmessage".equals(r.get(0).toString())) {
      onMessage.accept(r.get(2).toString(), r.get(3));
    }
  }
}
