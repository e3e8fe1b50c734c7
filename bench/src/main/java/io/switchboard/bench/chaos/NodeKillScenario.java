package io.switchboard.bench.chaos;

import io.switchboard.testkit.FreePort;
import io.switchboard.testkit.HealthReport;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * (c) {@code kill -9} of the cluster node running ingest + debouncer, HA on: three JVMs on
 * loopback (Hazelcast, TCP-IP join) sharing an external Redis — A runs the gateway, B ingest +
 * debouncer (HA), C a spare HA node (sentiment). Asserts: B's verticles run again on C
 * ≤ 10 s, no 2xx line lost, duplicates delivered to the dashboards counted (they dedupe by seq)
 * and bounded, the dashboards converge again.
 */
final class NodeKillScenario {
  private static final Pattern NODE_ID = Pattern.compile("\"node\":\"([^\"]+)\"");
  private final ChaosSettings cfg;

  NodeKillScenario(ChaosSettings cfg) {
    this.cfg = cfg;
  }

  ScenarioResult run(Path work) throws Exception {
    ScenarioResult r = new ScenarioResult("cluster", "kill -9 the cluster node running ingest + debouncer (HA on, 3 JVMs on loopback)");
    Vertx vertx = Vertx.vertx();
    int http = FreePort.get();
    int pa = FreePort.get();
    int pb = FreePort.get();
    int pc = FreePort.get();
    String members = "127.0.0.1:" + pa + ",127.0.0.1:" + pb + ",127.0.0.1:" + pc;
    try (RedisProc redis = new RedisProc(work.resolve("redis")).start()) {
      Map<String, String> env = Map.of("REDIS_URL", redis.url());
      // B first: three JVMs starting at once on two cores time out their Redis probe
      try (ChaosNode b = started(ChaosNode.start("cluster-b-ingest-debouncer", work, 0, env, cluster(pb, members, "ingest,debouncer", true)));
          ChaosNode c = started(ChaosNode.start("cluster-c-spare", work, 0, env, cluster(pc, members, "sentiment", true)));
          ChaosNode a = ChaosNode.start("cluster-a-gateway", work, http, env, concat(cluster(pa, members, "gateway", false),
              List.of("--set", "health.expect=gateway,ingest,debouncer,sentiment")))) {
        b.awaitReady(Duration.ofSeconds(120));
        c.awaitReady(Duration.ofSeconds(120));
        a.awaitReady(Duration.ofSeconds(120));
        a.awaitHealthy(Duration.ofSeconds(60));
        String bId = nodeId(b);
        String cId = nodeId(c);
        try (LoadRig rig = new LoadRig(vertx, http, redis.url(), "cn", cfg.calls)) {
          rig.start(cfg.dashboards, cfg.roomsPerDashboard, cfg.rate);
          r.figure("load", cfg.calls + " calls × " + cfg.rate + " lines/s through node A, " + cfg.dashboards + " dashboards on A");
          Thread.sleep(cfg.warmupMs);
          JsonObject before = healthJson(http);
          for (int i = 0; i < 40 && !(bId.equals(nodeOf(before, "ingest")) && bId.equals(nodeOf(before, "debouncer"))); i++) {
            Thread.sleep(250); // a probe can time out on a loaded machine: ask again
            before = healthJson(http);
          }
          r.check("ingest and debouncer run on B before the kill", bId.equals(nodeOf(before, "ingest")) && bId.equals(nodeOf(before, "debouncer")),
              "ingest on " + nodeOf(before, "ingest") + ", debouncer on " + nodeOf(before, "debouncer") + ", B is " + bId);
          long dup0 = rig.dashboards.stream().mapToLong(d -> d.duplicates.get()).sum();
          long killAt = System.currentTimeMillis();
          b.kill9();
          long movedAt = -1;
          HttpClient hc = HttpClient.newHttpClient();
          // C's Vert.x HA manager logs each redeploy; /health then has both answering again
          while (System.currentTimeMillis() - killAt < 30_000) {
            long ing = redeployedAt(c, "io.switchboard.ingest.IngestVerticle");
            long deb = redeployedAt(c, "io.switchboard.debouncer.DebouncerVerticle");
            JsonObject h = healthJson(hc, http);
            if (ing > 0 && deb > 0 && up(h, "ingest") && up(h, "debouncer")) {
              movedAt = Math.max(ing, deb);
              String ingestOn = nodeOf(h, "ingest");
              String debouncerOn = nodeOf(h, "debouncer");
              r.check("/health says the redeployed verticles run on C", cId.equals(ingestOn) && cId.equals(debouncerOn),
                  "ingest on " + who(ingestOn, bId, cId) + ", debouncer on " + who(debouncerOn, bId, cId));
              break;
            }
            Thread.sleep(50);
          }
          long moved = movedAt < 0 ? -1 : movedAt - killAt;
          if (movedAt < 0) {
            r.figure("health after 30 s", String.valueOf(healthJson(http)));
          }
          r.headline("ingest + debouncer running again on C after the kill", moved < 0 ? "not within 30 s" : moved + " ms");
          r.check("B's verticles run again elsewhere ≤ 10 s", moved >= 0 && moved <= 10_000,
              moved + " ms (kill → C's HA manager redeployed both; /health has both UP)");
          long since = Math.max(movedAt, killAt);
          // the convergence target must hold lines that C's ingest accepted, or it only proves what B published
          long firstOk = -1;
          for (long waitUntil = System.currentTimeMillis() + 10_000; firstOk < 0 && System.currentTimeMillis() < waitUntil; ) {
            firstOk = rig.load.outcomes.stream().filter(o -> o.endMs() > since && o.status() / 100 == 2)
                .mapToLong(ChaosLoad.Outcome::endMs).min().orElse(-1);
            if (firstOk < 0) {
              Thread.sleep(50);
            }
          }
          Thread.sleep(500); // a few more lines through C
          Probe.RedisState target = rig.redisState();
          long converged = rig.awaitConverged(Math.max(movedAt, killAt), target, 20_000);
          r.figure("convergence detail", rig.convergence());
          r.headline("dashboards converged after the fail-over (C's debouncer took the partition leases)",
              converged < 0 ? "not within 20 s" : converged + " ms after the redeploy");
          r.check("dashboards converge after the fail-over", converged >= 0, converged < 0 ? rig.difference() : converged + " ms");
          List<Long> fails = rig.load.between(killAt, movedAt < 0 ? killAt + 30_000 : movedAt + 1000).stream()
              .filter(o -> o.status() / 100 != 2).map(ChaosLoad.Outcome::latencyMs).toList();
          r.figure("agent posts failed during the fail-over", Latencies.describe(fails));
          r.figure("first 2xx after the redeploy", firstOk < 0 ? "none" : (firstOk - killAt) + " ms after the kill");
          Thread.sleep(cfg.afterMs);
          long dup = rig.dashboards.stream().mapToLong(d -> d.duplicates.get()).sum() - dup0;
          long watchedLines = Math.round(rig.watched().size() * cfg.rate * ((movedAt < 0 ? 30_000 : moved) + 10_000) / 1000.0) * rig.dashboards.size();
          r.headline("duplicate lines delivered to dashboards during the fail-over (dropped by seq)", dup);
          r.check("duplicates bounded (≤ one copy of each watched line of the fail-over window + 10 s)", dup <= watchedLines,
              dup + " ≤ " + watchedLines);
          rig.finish(r);
          r.check("A and C alive", a.alive() && c.alive(), "A " + a.alive() + ", C " + c.alive());
        }
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    return r;
  }

  private static ChaosNode started(ChaosNode n) throws Exception {
    n.awaitReady(Duration.ofSeconds(120));
    return n;
  }

  private static String who(String node, String bId, String cId) {
    return node == null ? "none" : node.equals(cId) ? "C" : node.equals(bId) ? "B (the dead node)" : node;
  }

  private static List<String> cluster(int port, String members, String verticles, boolean ha) {
    List<String> args = new java.util.ArrayList<>(List.of("--cluster", "--cluster-port", String.valueOf(port), "--cluster-members", members,
        "--verticles", verticles));
    if (ha) {
      args.add("--ha");
    }
    return args;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":(\\d+)");

  /** When {@code n}'s HA manager logged the redeploy of {@code verticleClass} after a fail-over, or -1. */
  private static long redeployedAt(ChaosNode n, String verticleClass) throws Exception {
    for (String line : Files.readAllLines(n.log())) {
      if (line.contains("Successfully redeployed verticle java:" + verticleClass)) {
        Matcher m = TIMESTAMP.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
      }
    }
    return -1;
  }

  private static String nodeId(ChaosNode n) throws Exception {
    for (String line : Files.readAllLines(n.log())) {
      if (line.contains("node started")) {
        Matcher m = NODE_ID.matcher(line);
        if (m.find()) {
          return m.group(1);
        }
      }
    }
    throw new IllegalStateException(n.name() + ": no node id in its log");
  }

  private static JsonObject healthJson(int port) {
    return healthJson(HttpClient.newHttpClient(), port);
  }

  private static JsonObject healthJson(HttpClient hc, int port) {
    ChaosNode.Health h = ChaosNode.health(hc, port);
    try {
      return new JsonObject(h.body());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static JsonObject check(JsonObject health, String verticle) {
    if (health == null) {
      return null;
    }
    JsonObject flat = HealthReport.check(health, "verticles/" + verticle);
    // vertx-health-checks nests "verticles/<name>" as group "verticles" holding check "<name>"
    return flat != null ? flat : HealthReport.check(health, "verticles", verticle);
  }

  private static boolean up(JsonObject health, String verticle) {
    JsonObject c = check(health, verticle);
    return c != null && "UP".equals(c.getString("status"));
  }

  private static String nodeOf(JsonObject health, String verticle) {
    JsonObject c = check(health, verticle);
    JsonObject data = c == null ? null : c.getJsonObject("data");
    return data == null ? null : data.getString("node");
  }
}
