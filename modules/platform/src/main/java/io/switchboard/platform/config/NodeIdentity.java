package io.switchboard.platform.config;

import io.vertx.core.Vertx;

/**
 * Which node a verticle runs on, for {@code /health} and logs. The launcher records the node's id
 * in a JVM-local map before it deploys anything; a verticle asks that map first and its deployment
 * config ({@link CommonKeys#NODE_ID}) only when it runs without the launcher. Why not the config
 * alone: an HA fail-over redeploys a dead node's verticles elsewhere <em>with the dead node's
 * config</em>, so they went on reporting the dead node's id (docs/operations.md#failure-modes).
 */
public final class NodeIdentity {
  /** The JVM-local map the launcher writes (also holds the gateway's bound {@code http.port}). */
  public static final String LOCAL_MAP = "switchboard.node";
  private static final String KEY = "node.id";

  private NodeIdentity() {}

  /** Called by the launcher once, before its first deployment. */
  public static void record(Vertx vertx, String nodeId) {
    vertx.sharedData().getLocalMap(LOCAL_MAP).put(KEY, nodeId);
  }

  /** The id of the node this verticle instance runs on. */
  public static String of(Vertx vertx, Settings settings) {
    Object recorded = vertx.sharedData().getLocalMap(LOCAL_MAP).get(KEY);
    return recorded instanceof String id && !id.isBlank() ? id : settings.nodeId();
  }
}
