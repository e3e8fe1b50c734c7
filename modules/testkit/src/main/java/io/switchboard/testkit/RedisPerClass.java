package io.switchboard.testkit;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestRedis} for a test class: as {@code @RegisterExtension static final RedisPerClass
 * redis = new RedisPerClass();} it starts before the class's first test and closes after its
 * last, so a test class says what it tests and not how its Redis comes and goes. A test that
 * stops or restarts Redis owns a {@link TestRedis} of its own instead.
 */
public final class RedisPerClass implements BeforeAllCallback, AfterAllCallback {
  private TestRedis redis;

  @Override
  public void beforeAll(ExtensionContext context) {
    redis = TestRedis.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    redis.close();
  }

  public String url() {
    return redis.url();
  }

  /** A new client of this Redis on {@code vertx}. */
  public RedisAPI connect(Vertx vertx) {
    return RedisAPI.api(Redis.createClient(vertx, redis.url()));
  }
}
