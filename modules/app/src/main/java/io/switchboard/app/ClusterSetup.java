package io.switchboard.app;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.switchboard.platform.config.Settings;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;

/** Hazelcast with TCP-IP join only (no multicast), bound to one interface. */
final class ClusterSetup {
  private ClusterSetup() {}

  static HazelcastClusterManager clusterManager(Settings s) {
    String host = s.string(LauncherKeys.CLUSTER_HOST, "127.0.0.1");
    int port = s.integer(LauncherKeys.CLUSTER_PORT, 5701, 1, 65535);
    List<String> members = s.list(LauncherKeys.CLUSTER_MEMBERS, List.of(host));

    // starts from Vert.x's default-cluster.xml so its __vertx.* maps keep their settings
    Config cfg = ConfigUtil.loadConfig();
    cfg.setClusterName(s.string(LauncherKeys.CLUSTER_NAME, "switchboard"));
    cfg.setProperty("hazelcast.phone.home.enabled", "false");
    cfg.setProperty("hazelcast.logging.type", "slf4j");
    // the master waits 5 s for more joiners by default; every node must skip it for fast joins
    cfg.setProperty("hazelcast.wait.seconds.before.join", "0");
    cfg.setProperty("hazelcast.shutdownhook.enabled", "false");
    cfg.getNetworkConfig().setPort(port).setPortAutoIncrement(true);
    cfg.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(host);
    JoinConfig join = cfg.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true);
    members.forEach(m -> join.getTcpIpConfig().addMember(m));
    return new HazelcastClusterManager(cfg);
  }
}
