package io.switchboard.app;

import java.util.List;

/**
 * Settings the launcher itself reads (the verticles' own are the key constants of the config
 * records in each verticle module, e.g. {@code io.switchboard.gateway.GatewayConfig}). Same naming rule: {@code cluster.host} ⇔
 * {@code SWITCHBOARD_CLUSTER_HOST}.
 */
final class LauncherKeys {
  private LauncherKeys() {}

  static final String VERTICLES = "verticles";
  static final String INSTANCES = "instances";
  /** Vert.x event-loop threads (default one per core). */
  static final String EVENT_LOOPS = "event.loops";
  static final String CLUSTER = "cluster";
  static final String CLUSTER_HOST = "cluster.host";
  static final String CLUSTER_PORT = "cluster.port";
  static final String CLUSTER_MEMBERS = "cluster.members";
  static final String CLUSTER_NAME = "cluster.name";
  static final String EVENTBUS_HOST = "eventbus.host";
  static final String EVENTBUS_PORT = "eventbus.port";
  static final String EVENTBUS_PUBLIC_HOST = "eventbus.public.host";
  static final String HA = "ha";
  static final String HA_GROUP = "ha.group";
  static final String EMBEDDED_REDIS_PORT = "embedded.redis.port";
  static final String MONGO_EMBEDDED = "mongo.embedded";
  static final String DATA_DIR = "data.dir";
  /** Vert.x and application metrics in a Prometheus registry (default true). */
  static final String METRICS_ENABLED = "metrics.enabled";
  /** A port serving only {@code GET /metrics}, for nodes without the gateway (default -1 = off). */
  static final String METRICS_PORT = "metrics.port";
  /** The interface of the metrics port (default 0.0.0.0). */
  static final String METRICS_HOST = "metrics.host";
  /** Lines printed under "ready on …" for a person at the console ({@code {url}} = the dashboard URL); scripts/run sets them. */
  static final String READY_SUMMARY = "ready.summary";

  static final List<String> ALL =
      List.of(
          VERTICLES, INSTANCES, EVENT_LOOPS, CLUSTER, CLUSTER_HOST, CLUSTER_PORT, CLUSTER_MEMBERS, CLUSTER_NAME, EVENTBUS_HOST,
          EVENTBUS_PORT, EVENTBUS_PUBLIC_HOST, HA, HA_GROUP, EMBEDDED_REDIS_PORT, MONGO_EMBEDDED, DATA_DIR,
          METRICS_ENABLED, METRICS_PORT, METRICS_HOST, READY_SUMMARY);
}
