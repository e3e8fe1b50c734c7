package io.switchboard.platform.redis;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * Redis clients of the verticles, configured alike: a pooled client whose connection attempts
 * fail within a second while Redis is down, so callers answer fast (agents never wait on us) and
 * the pool reconnects by itself when Redis returns.
 */
public final class RedisClients {
  private RedisClients() {}

  public static Redis pooled(Vertx vertx, String url, int maxPoolSize, int maxWaiting) {
    RedisOptions options = new RedisOptions().setConnectionString(url).setMaxPoolSize(maxPoolSize).setMaxPoolWaiting(maxWaiting);
    options.getNetClientOptions().setConnectTimeout(1000);
    return Redis.createClient(vertx, options);
  }
}
