package io.switchboard.app;

import io.switchboard.platform.config.Settings;
import io.vertx.core.json.JsonObject;

/** A whole Switchboard node in this JVM for integration tests (verticles as configured). */
final class TestNode implements AutoCloseable {
  static final String AGENT_KEY = "test-agent-key";
  static final String JWT_SECRET = "test-jwt-secret-0123456789-0123456789-abcdef";
  private final SwitchboardNode node;

  private TestNode(SwitchboardNode node) {
    this.node = node;
  }

  /**
   * A node with the given verticles on the given Redis (null: the node's own embedded Redis, kept
   * under {@code data.dir}), a free HTTP port and one agent key.
   */
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
            .put("auth.jwt.secret", JWT_SECRET)
            .put("auth.demo.users", true)
            .mergeIn(extra);
    if (redisUrl == null) {
      config.remove("redis.url");
    }
    return new TestNode(SwitchboardNode.start(new Settings(config)));
  }

  /** Logs a demo user in (viewer, supervisor, admin; password = user + "-demo"); returns the JWT. */
  String login(io.vertx.core.Vertx vertx, String user) throws Exception {
    var web = io.vertx.ext.web.client.WebClient.create(vertx);
    try {
      var r = web.post(port(), "127.0.0.1", "/auth/login")
          .sendJsonObject(new JsonObject().put("username", user).put("password", user + "-demo"))
          .await(10, java.util.concurrent.TimeUnit.SECONDS);
      if (r.statusCode() != 200) {
        throw new AssertionError("login " + user + ": " + r.statusCode() + " " + r.bodyAsString());
      }
      return r.bodyAsJsonObject().getString("token");
    } finally {
      web.close();
    }
  }

  /** A bridge client authenticated as a demo user. */
  io.switchboard.testkit.BridgeClient bridge(io.vertx.core.Vertx vertx, String user) throws Exception {
    return io.switchboard.testkit.BridgeClient.connect(vertx, port(), new JsonObject().put("authorization", "Bearer " + login(vertx, user)))
        .await(5, java.util.concurrent.TimeUnit.SECONDS);
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
