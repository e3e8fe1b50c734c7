package io.switchboard.ingest;

import io.switchboard.contract.live.RedisKeys;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Hears, on a dedicated Redis pub/sub connection, every send_seq the apply script applied
 * ({@link RedisKeys#SEND_ORDER_CHANNEL_PREFIX}{@code <room>|<session>}, message = send_seq) and wakes
 * the local waiter of the next one ({@link SendOrderWaits}). Best effort: while it is disconnected
 * waiters fall back to polling, so a lost message costs latency, never order.
 */
final class SendOrderWakeups {
  private final Vertx vertx;
  private final Redis client;
  private RedisConnection connection;
  private boolean stopped;

  SendOrderWakeups(Vertx vertx, String redisUrl) {
    this.vertx = vertx;
    this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl));
  }

  void start() {
    connect();
  }

  void stop() {
    stopped = true;
    if (connection != null) {
      connection.close();
    }
    client.close();
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
              conn.exceptionHandler(err -> lost(conn));
              conn.endHandler(v -> lost(conn));
              return conn.send(Request.cmd(Command.PSUBSCRIBE).arg(RedisKeys.SEND_ORDER_CHANNEL_PREFIX + "*"));
            })
        .onFailure(err -> vertx.setTimer(1000, id -> connect()));
  }

  private void lost(RedisConnection conn) {
    if (conn == connection) {
      connection = null;
      vertx.setTimer(1000, id -> connect());
    }
  }

  private void onMessage(Response r) {
    if (r.size() >= 4 && "pmessage".equals(r.get(0).toString())) {
      String target = r.get(2).toString().substring(RedisKeys.SEND_ORDER_CHANNEL_PREFIX.length());
      int bar = target.indexOf('|');
      if (bar > 0) {
        try {
          SendOrderWaits.applied(target.substring(0, bar), target.substring(bar + 1), Long.parseLong(r.get(3).toString()));
        } catch (NumberFormatException ignored) {
          // not ours
        }
      }
    }
  }
}
