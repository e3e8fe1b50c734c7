package io.switchboard.ingest;

import io.switchboard.contract.live.RedisKeys;
import io.switchboard.platform.redis.PatternSubscription;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * Hears, on a dedicated Redis pub/sub connection (platform {@link PatternSubscription}), every
 * send_seq the apply script applied ({@link RedisKeys#SEND_ORDER_CHANNEL_PREFIX}{@code
 * <room>|<session>}, message = send_seq) and wakes the local waiter of the next one
 * ({@link SendOrderWaits}). Best effort: while it is disconnected waiters fall back to polling, so
 * a lost message costs latency, never order.
 */
final class SendOrderWakeups {
  private final Redis client;
  private final PatternSubscription subscription;

  SendOrderWakeups(Vertx vertx, String redisUrl) {
    this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl));
    this.subscription = new PatternSubscription(vertx, client, RedisKeys.SEND_ORDER_CHANNEL_PREFIX + "*",
        conn -> Future.succeededFuture(), SendOrderWakeups::onMessage, () -> { });
  }

  void start() {
    subscription.start();
  }

  void stop() {
    subscription.stop();
    client.close();
  }

  private static void onMessage(String channel, String message) {
    String target = channel.substring(RedisKeys.SEND_ORDER_CHANNEL_PREFIX.length());
    int bar = target.indexOf('|');
    if (bar > 0) {
      try {
        SendOrderWaits.applied(target.substring(0, bar), target.substring(bar + 1), Long.parseLong(message));
      } catch (NumberFormatException ignored) {
        // not ours
      }
    }
  }
}
