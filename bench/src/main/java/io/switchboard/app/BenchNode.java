package io.switchboard.app;

import io.switchboard.platform.config.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A whole Switchboard node in the benchmark's JVM (the launcher's {@code SwitchboardNode}, which is
 * package-private: this class lives in its package only to reach it). Benchmarks only.
 */
public final class BenchNode implements AutoCloseable {
  public static final String AGENT = "bench";
  public static final String AGENT_KEY = "bench-agent-key-0123456789";
  public static final String JWT_SECRET = "bench-jwt-secret-0123456789-0123456789-abcdef";

  private final SwitchboardNode node;

  private BenchNode(SwitchboardNode node) {
    this.node = node;
  }

  /** Base settings every benchmark node shares (loopback, free port, one agent key, demo users). */
  public static JsonObject baseConfig(String redisUrl, String verticles) {
    return new JsonObject()
        .put("verticles", verticles)
        .put("redis.url", redisUrl)
        .put("http.port", 0)
        .put("http.host", "127.0.0.1")
        .put("mongo.embedded", "memory")
        .put("health.expect", verticles)
        .put("reconcile.period.s", 0)
        .put("agent.keys." + AGENT, AGENT_KEY)
        // the generator drives thousands of calls through one key: the abuse limit would measure itself
        .put("ingest.rate.per.second", 0)
        .put("auth.jwt.secret", JWT_SECRET)
        .put("auth.demo.users", true);
  }

  public static BenchNode start(JsonObject config) {
    return new BenchNode(SwitchboardNode.start(new Settings(config)));
  }

  public int port() {
    return node.httpPort();
  }

  public Vertx vertx() {
    return node.vertx();
  }

  @Override
  public void close() {
    node.close();
  }
}
