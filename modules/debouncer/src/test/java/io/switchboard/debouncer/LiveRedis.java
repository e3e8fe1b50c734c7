package io.switchboard.debouncer;

import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Redis for a debouncer test class ({@code @RegisterExtension static final LiveRedis
 * redis = new LiveRedis();}): started before the class's first test, closed after its last, so a
 * test class says what it tests and not how its Redis comes and goes.
 */
final class LiveRedis implements BeforeAllCallback, AfterAllCallback {
  private TestRedis redis;

  @Override
  public void beforeAll(ExtensionContext context) {
    redis = TestRedis.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    redis.close();
  }

  String url() {
    return redis.url();
  }

  /** A new client of this Redis on {@code vertx}. */
  RedisAPI connect(Vertx vertx) {
    return RedisAPI.api(Redis.createClient(vertx, redis.url()));
  }

  /**
   * Empties this Redis and returns a seed writing through a new client on {@code vertx} (its
   * {@link LiveStateSeed#api()} is the client the code under test can share): each test starts
   * from no live state.
   */
  LiveStateSeed emptySeed(Vertx vertx) {
    LiveStateSeed seed = new LiveStateSeed(connect(vertx));
    seed.flushAll();
    return seed;
  }
}
