package io.switchboard.app;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command-line flags; each one is a shortcut for a setting and wins over file and environment. */
@Command(
    name = "switchboard",
    mixinStandardHelpOptions = true,
    version = "Switchboard 0.1.0",
    description = "Runs a Switchboard node: any subset of its verticles, standalone or clustered.",
    footer = {
      "",
      "Every setting has a dotted key (http.port) and can be given, lowest precedence first, in the",
      "config file, as an environment variable SWITCHBOARD_<KEY> (SWITCHBOARD_HTTP_PORT), as a system",
      "property -Dswitchboard.<key>, or with --set key=value. REDIS_URL, MONGO_URL, LIVEKIT_URL,",
      "LIVEKIT_API_KEY and LIVEKIT_API_SECRET are accepted as they are. Without REDIS_URL / MONGO_URL",
      "a standalone node starts an embedded Redis and an in-process MongoDB-protocol server."
    })
final class LaunchOptions {
  @Option(names = "--verticles", paramLabel = "LIST", description = "all, or a comma list of: gateway, ingest, webhook-receiver, debouncer, sentiment, control, agent-pipeline, analytics, rules (key: verticles)")
  String verticles;

  @Option(names = "--instances", paramLabel = "N|NAME=N,...", description = "instances per verticle: one number for all, or per name (key: instances)")
  String instances;

  @Option(names = "--config", paramLabel = "FILE", description = "config file, JSON or YAML (env: SWITCHBOARD_CONFIG)")
  String configFile;

  @Option(names = "--http-port", paramLabel = "PORT", description = "gateway HTTP port, 0 = any free port (key: http.port, default 8080)")
  Integer httpPort;

  @Option(names = "--cluster", description = "join a Hazelcast cluster (key: cluster)")
  Boolean cluster;

  @Option(names = "--cluster-host", paramLabel = "HOST", description = "interface for cluster and event-bus traffic (key: cluster.host, default 127.0.0.1)")
  String clusterHost;

  @Option(names = "--cluster-port", paramLabel = "PORT", description = "first Hazelcast port, auto-incremented when taken (key: cluster.port, default 5701)")
  Integer clusterPort;

  @Option(names = "--cluster-members", paramLabel = "LIST", description = "TCP-IP join members host[:port],... (key: cluster.members, default the cluster host)")
  String clusterMembers;

  @Option(names = "--ha", description = "high availability: verticles of a dead node are redeployed on a live one (key: ha)")
  Boolean ha;

  @Option(names = "--simulator", description = "run simulated calls (key: simulator.enabled)")
  Boolean simulator;

  @Option(names = "--hash-password", description = "read a password from standard input, print its hash for auth.users.<name>=<role>:<hash>, exit")
  boolean hashPassword;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "any setting, repeatable")
  Map<String, String> sets = new LinkedHashMap<>();

  /** The flags as dotted settings, highest precedence. */
  JsonObject overrides() {
    JsonObject o = new JsonObject();
    sets.forEach(o::put);
    putIf(o, "verticles", verticles);
    putIf(o, "instances", instances);
    putIf(o, "http.port", httpPort);
    putIf(o, "cluster", cluster);
    putIf(o, "cluster.host", clusterHost);
    putIf(o, "cluster.port", clusterPort);
    putIf(o, "cluster.members", clusterMembers);
    putIf(o, "ha", ha);
    putIf(o, "simulator.enabled", simulator);
    return o;
  }

  private static void putIf(JsonObject o, String key, Object value) {
    if (value != null) {
      o.put(key, value);
    }
  }
}
