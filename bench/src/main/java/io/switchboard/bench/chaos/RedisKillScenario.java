package io.switchboard.bench.chaos;

import io.switchboard.testkit.FreePort;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * (a) {@code kill -9} of Redis under load. {@code embedded}: the node's own supervised Redis (the
 * default), which the node restarts from its append-only file (each child it restarts before /health has
 * shown Redis DOWN is killed too, at most {@value #MAX_KILLS} kills, so a fast restart cannot
 * slip between two polls); otherwise an external
 * redis-server with an append-only file, down for {@code outageMs} and restarted by the scenario.
 * Asserts: the node survives, /health shows Redis DOWN then UP, failures during the outage are
 * fast 503s (none over 1 s, or over twice the p99 of healthy posts just before the kill on a machine already slower than that), dashboards converge ≤ 5 s after Redis is back, zero 2xx lines lost.
 */
final class RedisKillScenario {
  /** Re-kills of restarted children are bounded: a /health that never shows DOWN fails the check. */
  private static final int MAX_KILLS = 6;
  private final ChaosSettings cfg;
  private final boolean embedded;

  RedisKillScenario(ChaosSettings cfg, boolean embedded) {
    this.cfg = cfg;
    this.embedded = embedded;
  }

  ScenarioResult run(Path work) throws Exception {
    String id = embedded ? "redis-embedded" : "redis-external";
    ScenarioResult r = new ScenarioResult(id, embedded
        ? "kill -9 the node's embedded Redis (the default; the node restarts it from its append-only file)"
        : "kill -9 an external redis-server (append-only file), restarted after " + cfg.redisOutageMs + " ms");
    Files.createDirectories(work);
    Vertx vertx = Vertx.vertx();
    RedisProc external = embedded ? null : new RedisProc(work.resolve("redis")).start();
    int http = FreePort.get();
    List<String> args = List.of("--verticles", "gateway,ingest,debouncer", "--set", "health.expect=gateway,ingest,debouncer",
        "--set", "mongo.embedded=memory");
    try (ChaosNode node = ChaosNode.start(id, work, http, external == null ? Map.of() : Map.of("REDIS_URL", external.url()), args)) {
      node.awaitReady(Duration.ofSeconds(90));
      node.awaitHealthy(Duration.ofSeconds(30));
      int redisPort = embedded ? node.embeddedRedisPort() : external.port();
      String redisUrl = "redis://127.0.0.1:" + redisPort;
      try (LoadRig rig = new LoadRig(vertx, http, redisUrl, "ra", cfg.calls)) {
        rig.start(cfg.dashboards, cfg.roomsPerDashboard, cfg.rate);
        List<String> churnOld = new ArrayList<>();
        List<String> churnNew = new ArrayList<>();
        for (int i = 0; i < cfg.churn; i++) {
          churnOld.add("ra-old-" + i);
          churnNew.add("ra-new-" + i);
        }
        rig.load.each(churnOld, 16, rig.load::start);
        r.figure("load", cfg.calls + " calls × " + cfg.rate + " lines/s, " + cfg.dashboards + " dashboards × " + cfg.roomsPerDashboard
            + " rooms + the call list; " + cfg.churn + " calls end and " + cfg.churn + " start across the outage");
        Thread.sleep(cfg.warmupMs);
        try (Probe.HealthPoller health = new Probe.HealthPoller(http, 50)) {
          long pid = embedded ? node.redisChild() : external.pid();
          long baseFrom = System.currentTimeMillis() - cfg.warmupMs;
          r.headline("post latency before the fault (baseline, same run)",
              Latencies.describe(rig.load.between(baseFrom, System.currentTimeMillis()).stream().map(ChaosLoad.Outcome::latencyMs).toList()));
          r.headline("machine load average at the fault", ChaosReport.loadAverage());
          r.check("Redis found to kill", pid > 0, "pid " + pid);
          long killAt = System.currentTimeMillis();
          if (embedded) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // kill -9
          } else {
            external.kill9();
          }
          // agents retrying through the outage: calls ending and starting while Redis is down
          List<Future<Integer>> churn = new ArrayList<>();
          churnOld.forEach(room -> churn.add(rig.load.end(room)));
          churnNew.forEach(room -> churn.add(rig.load.start(room)));
          long backAt;
          if (embedded) {
            while (RedisProc.pong(redisPort) && System.currentTimeMillis() - killAt < 2000) {
              Thread.sleep(5); // the kill takes effect
            }
            // the node restarts its Redis within ~100 ms, which a 50 ms /health poll on a loaded
            // machine can miss entirely: each child restarted before /health was seen DOWN is
            // killed too (the node's restart backoff doubles), so the outage lasts until it shows
            int kills = 1;
            while (System.currentTimeMillis() - killAt < 30_000) {
              if (RedisProc.pong(redisPort)) {
                if (health.first(killAt, Probe.HealthSample::redisDown) != null || kills >= MAX_KILLS) {
                  break;
                }
                long again = node.redisChild();
                if (again > 0 && again != pid) {
                  ProcessHandle.of(again).ifPresent(ProcessHandle::destroyForcibly);
                  kills++;
                  long at = System.currentTimeMillis();
                  while (RedisProc.pong(redisPort) && System.currentTimeMillis() - at < 2000) {
                    Thread.sleep(5);
                  }
                }
              }
              Thread.sleep(10);
            }
            backAt = System.currentTimeMillis();
            r.figure("kills until /health had shown Redis DOWN", kills);
          } else {
            Thread.sleep(cfg.redisOutageMs);
            external.start();
            backAt = System.currentTimeMillis();
          }
          long newPid = embedded ? node.redisChild() : external.pid();
          r.headline("Redis down for (kill → PING answered again)", (backAt - killAt) + " ms");
          r.check("Redis back", RedisProc.pong(redisPort) && newPid != pid, "new pid " + newPid);
          Probe.RedisState target = rig.redisState();
          long converged = rig.awaitConverged(backAt, target, 15_000);
          r.figure("convergence detail", rig.convergence());
          r.headline("dashboards converged after Redis was back", converged < 0 ? "not within 15 s" : converged + " ms");
          r.check("dashboards converge ≤ 5 s after Redis is back", converged >= 0 && converged <= 5000,
              converged < 0 ? rig.difference() : converged + " ms (list equal to active_calls, every watched room up to Redis's seq at its return)");
          Future.all(churn).await(60, java.util.concurrent.TimeUnit.SECONDS);
          long churned = churn.stream().filter(f -> f.result() / 100 == 2).count();
          r.check("calls ended and started across the outage accepted once Redis was back", churned == churn.size(),
              churned + " of " + churn.size());
          Thread.sleep(cfg.afterMs);
          ChaosNode.Health after = ChaosNode.health(java.net.http.HttpClient.newHttpClient(), http);

          Probe.HealthSample down = health.first(killAt, Probe.HealthSample::redisDown);
          Probe.HealthSample up = down == null ? null : health.first(down.atMs(), s -> s.status() == 200);
          r.check("/health shows Redis DOWN, then UP", down != null && up != null,
              down == null ? "no DOWN sample in " + health.samples.size() + " polls (every 50 ms)"
                  : "DOWN " + (down.atMs() - killAt) + " ms after the kill, UP again " + (up == null ? "never" : (up.atMs() - killAt) + " ms after it"));
          List<ChaosLoad.Outcome> during = rig.load.between(killAt, backAt + 1000);
          List<Long> failLatency = during.stream().filter(o -> o.status() / 100 != 2).map(ChaosLoad.Outcome::latencyMs).toList();
          long not503 = during.stream().filter(o -> o.status() / 100 != 2 && o.status() != 503).count();
          r.headline("agent posts failed during the outage", Latencies.describe(failLatency));
          r.figure("agent posts answered 2xx during the outage window", during.stream().filter(o -> o.status() / 100 == 2).count());
          // "never a hang": 1 s, or twice the posts' own p99 of the 10 s before the kill when the
          // machine is already that slow (a loaded 2-core box answers healthy posts in > 0.5 s)
          List<Long> before = rig.load.between(killAt - 10_000, killAt).stream().map(ChaosLoad.Outcome::latencyMs).toList();
          long baselineP99 = before.isEmpty() ? 0 : Latencies.percentile(before, 99);
          long hangBoundMs = Math.max(1000, 2 * baselineP99);
          r.figure("agent posts before the kill (10 s)", Latencies.describe(before));
          long hangs = during.stream().filter(o -> o.latencyMs() > hangBoundMs).count();
          r.check("failed posts are fast 503s; no post (failed or not) took over " + hangBoundMs + " ms",
              not503 == 0 && hangs == 0 && !failLatency.isEmpty() || (failLatency.isEmpty() && hangs == 0),
              Latencies.describe(failLatency) + ", not 503: " + not503 + ", posts over " + hangBoundMs + " ms: " + hangs
                  + " (bound: 1 s or 2 × the p99 before the kill, " + baselineP99 + " ms)");
          r.check("node alive, /health 200 after the outage", node.alive() && after.status() == 200, "status " + after.status());
        }
        rig.finish(r);
        if (embedded) {
          r.check("node logged the restart of its Redis", Files.readString(node.log()).contains("embedded Redis died"), node.log().toString());
        }
      }
    } finally {
      if (external != null) {
        external.close();
      }
      vertx.close().await(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    return r;
  }
}
