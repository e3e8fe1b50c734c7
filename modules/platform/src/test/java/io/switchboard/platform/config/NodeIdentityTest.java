package io.switchboard.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodeIdentityTest {
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void theNodeTheVerticleRunsOnWinsOverTheIdInItsDeploymentConfig() {
    // an HA fail-over redeploys with the dead node's config: its node.id must not be reported
    Settings deadNodesConfig = Settings.of(new JsonObject().put(CommonKeys.NODE_ID, "node-b"));
    NodeIdentity.record(vertx, "node-c");
    assertEquals("node-c", NodeIdentity.of(vertx, deadNodesConfig));
  }

  @Test
  void withoutTheLauncherTheConfigSaysOrLocal() {
    assertEquals("node-b", NodeIdentity.of(vertx, Settings.of(new JsonObject().put(CommonKeys.NODE_ID, "node-b"))));
    assertEquals("local", NodeIdentity.of(vertx, Settings.of(new JsonObject())));
  }
}
