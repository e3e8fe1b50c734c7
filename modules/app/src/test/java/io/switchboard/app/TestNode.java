package io.switchboard.app;

import io.switchboard.contract.config.Settings;
import io.vertx.core.json.JsonObject;

/** A whole Switchboard node in this JVM for integration tests (verticles as configured). */
final class TestNode implements AutoCloseable {
  static final String AGENT_KEY = "test-agent-key";
  private final SwitchboardNode node;

  private TestNode(SwitchboardNode node) {
    this.node = node;
  }

  /** A node with the given verticles on the given Redis, a free HTTP port and one agent key. */
  static TestNode start(String redisUrl, String verticles, JsonObject extra) {
    JsonObject config =
        new JsonObject()
            .put("verticles", verticles)
            .put("redis.url", redisUrl)
            .put("http.port", 0)
            .put("http.host", "127.0.0.1")
            .put("mongo.embedded", "memory")
            .put("health.expect", verticles)
            .put("agent.keys.test-agent", AGENT_KEY)
            .mergeIn(extra);
    return new TestNode(SwitchboardNode.start(new Settings(config)));
  }

  int port() {
    return node.httpPort();
  }

  SwitchboardNode node() {
    return node;
  }

  @Override
  public void close() {
    node.close();
  }
}
