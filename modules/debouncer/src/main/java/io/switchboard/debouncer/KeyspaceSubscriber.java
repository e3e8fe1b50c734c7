package io.switchboard.debouncer;

import io.switchboard.contract.live.RedisKeys;
import io.switchboard.platform.redis.PatternSubscription;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The debouncer's subscription to {@code __keyspace@0__:call:*} and the change feed
 * {@code feed:*} (platform {@link PatternSubscription}: its own connection, reconnected with
 * back-off). Both on one connection: an event's change record arrives right after the keyspace
 * notification of its HSET, which is how the debouncer knows the record covers it
 * (docs/architecture.md#change-feed). Messages are lost while disconnected, so after every
 * (re)subscription {@code onSubscribed} runs (the debouncer resyncs from Redis).
 */
final class KeyspaceSubscriber {
  private static final Logger LOG = LoggerFactory.getLogger(KeyspaceSubscriber.class);
  private final PatternSubscription subscription;

  /**
   * onEvent receives (key, event) such as ("call:r1", "hset"); onRecord (room, record bytes) of
   * each change record.
   */
  KeyspaceSubscriber(Vertx vertx, Redis client, BiConsumer<String, String> onEvent, BiConsumer<String, Buffer> onRecord,
      Runnable onSubscribed) {
    this.subscription = new PatternSubscription(vertx, client, List.of(RedisKeys.KEYSPACE_PATTERN, RedisKeys.FEED_PATTERN),
        KeyspaceSubscriber::enableNotifications,
        (channel, message) -> {
          if (channel.startsWith(RedisKeys.KEYSPACE_PREFIX)) {
            onEvent.accept(channel.substring(RedisKeys.KEYSPACE_PREFIX.length()), message.toString());
          } else if (channel.startsWith(RedisKeys.FEED_CHANNEL_PREFIX)) {
            onRecord.accept(channel.substring(RedisKeys.FEED_CHANNEL_PREFIX.length()), message.toBuffer());
          }
        },
        onSubscribed);
  }

  /**
   * Notifications may have been switched off (or the server restarted without them); a managed
   * Redis may refuse CONFIG: then its operator must enable them.
   */
  private static Future<?> enableNotifications(RedisConnection conn) {
    return conn.send(Request.cmd(Command.CONFIG).arg("SET").arg("notify-keyspace-events").arg(RedisKeys.KEYSPACE_EVENTS))
        .recover(err -> {
          LOG.atWarn().addKeyValue("error", err.getMessage()).log("cannot enable keyspace notifications; relying on server config");
          return Future.succeededFuture();
        });
  }

  boolean subscribed() {
    return subscription.subscribed();
  }

  void start() {
    subscription.start();
  }

  void stop() {
    subscription.stop();
  }
}
