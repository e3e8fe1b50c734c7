package io.switchboard.bench.chaos;

import io.switchboard.bench.Args;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * scripts/chaos: runs the fault scenarios against the real system (launcher jar, real Redis, a
 * MongoDB-protocol server process, a real LiveKit server), writes bench/results/chaos.md + .json
 * and README's chaos block, and exits 1 when any assertion failed.
 */
public final class ChaosMain {
  private ChaosMain() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv, "ci").only("ci", "only", "calls", "rate", "dashboards", "out", "readme");
    ChaosSettings cfg = ChaosSettings.from(args);
    Path out = args.out;
    Path readme = args.path("readme", null);
    boolean partial = args.has("only");
    // the hard timeout of scripts/chaos (SIGTERM) must not leave a node, Redis or MongoDB behind
    Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
    Path work = Path.of("bench", "target", "chaos");
    List<ScenarioResult> results = new ArrayList<>();
    long t0 = System.nanoTime();
    for (String id : cfg.scenarios) {
      System.out.println("scripts/chaos: " + id + "…");
      long s0 = System.nanoTime();
      ScenarioResult r;
      try {
        r = scenario(id, cfg, work.resolve(id));
      } catch (Exception | AssertionError e) {
        r = new ScenarioResult(id, id);
        r.error = e.toString();
        System.out.println("  [FAIL] " + id + ": " + e);
        e.printStackTrace(System.out);
      }
      r.seconds = Math.round((System.nanoTime() - s0) / 1e8) / 10.0;
      System.out.println("scripts/chaos: " + id + (r.passed() ? " passed" : " FAILED") + " in " + r.seconds + " s");
      results.add(r);
    }
    double total = Math.round((System.nanoTime() - t0) / 1e8) / 10.0;
    // README shows whole runs only (--ci or all); --only runs write bench/results alone
    ChaosReport.write(out, partial ? null : readme, results, cfg, total);
    boolean ok = results.stream().allMatch(ScenarioResult::passed);
    System.out.println("scripts/chaos: " + (ok ? "every scenario passed" : "FAILED") + " (" + total + " s); report " + out.resolve("chaos.md"));
    System.exit(ok ? 0 : 1);
  }

  static ScenarioResult scenario(String id, ChaosSettings cfg, Path work) throws Exception {
    return switch (id) {
      case "redis-embedded" -> new RedisKillScenario(cfg, true).run(work);
      case "redis-external" -> new RedisKillScenario(cfg, false).run(work);
      case "mongo" -> new MongoKillScenario(cfg).run(work);
      case "cluster" -> new NodeKillScenario(cfg).run(work);
      case "livekit" -> new LiveKitOutageScenario(cfg).run(work);
      default -> throw new IllegalArgumentException("unknown scenario " + id);
    };
  }
}
