package io.switchboard.bench;

import io.switchboard.app.BenchNode;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 3: how many bridge clients subscribed to {@code calls.active} are served with p99
 * delivery ≤ 250 ms. Steps 1 (the baseline), 100, 200, 400, 800, … while the time budget lasts,
 * under a steady 200 calls × 1 event/s; the largest passing step is the result.
 */
public final class FanoutBench {
  private FanoutBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    Report report = new Report("fanout", args.quick);
    int budgetS = args.integer("budget", 200, 45);
    int measureS = args.integer("seconds", 6, 3);
    int calls = args.integer("calls", 200, 200);
    List<Integer> steps = args.quick ? List.of(1, 100) : List.of(1, 100, 200, 400, 800, 1600, 3200);
    long deadline = System.nanoTime() + budgetS * 1_000_000_000L;
    JsonArray results = new JsonArray();
    JsonObject baseline = null;
    int best = 0;
    JsonObject bestResult = null;
    String stopReason = "all steps passed";
    try (TestRedis redis = TestRedis.start()) {
      BenchNode node = BenchNode.start(BenchNode.baseConfig(redis.url(), "gateway,ingest,debouncer")
          // every interim a sample: no routine pacing (the load benchmark measures the paced list)
          .put("debouncer.list.routine.ms", 0));
      Vertx vertx = Vertx.vertx();
      try (Agents agents = new Agents(vertx, node.port(), "fan", calls, 16)) {
        agents.startCalls().await(60, TimeUnit.SECONDS);
        String token = Dashboards.login(vertx, node.port());
        agents.run(1.0);
        for (int n : steps) {
          long left = (deadline - System.nanoTime()) / 1_000_000_000L;
          // a step needs connect time (≈ n / 150 s) + warm-up + measurement
          if (n > 100 && left < measureS + 3 + n / 150) {
            stopReason = "time budget (" + budgetS + " s) reached before " + n + " clients";
            break;
          }
          try (Dashboards dash = new Dashboards()) {
            long c0 = System.nanoTime();
            dash.connect(vertx, node.port(), token, n, n, 0, agents, calls).await(120, TimeUnit.SECONDS);
            double connectS = (System.nanoTime() - c0) / 1e9;
            Thread.sleep(args.quick ? 1000 : 2000);
            long m0 = dash.listMessages.get();
            double secs = dash.recordFor(measureS);
            JsonObject r = dash.list.json()
                .put("clients", n)
                .put("connect_s", Stats.r(connectS))
                .put("messages_per_client_per_s", Stats.r((dash.listMessages.get() - m0) / secs / n))
                .put("clients_closed", dash.closedCount())
                .put("bridge_errors", dash.errorCount());
            System.out.println("  fan-out " + r.encode());
            results.add(r);
            if (baseline == null) {
              baseline = r;
            }
            Double p99 = r.getDouble("p99_ms");
            double rateRatio = r.getDouble("messages_per_client_per_s", 0.0) / Math.max(0.001, baseline.getDouble("messages_per_client_per_s", 0.0));
            boolean pass = p99 != null && p99 <= 250 && r.getInteger("clients_closed") == 0 && rateRatio >= 0.8;
            r.put("pass", pass);
            if (!pass) {
              stopReason = n + " clients: p99 " + p99 + " ms, " + r.getDouble("messages_per_client_per_s") + " msgs/s per client ("
                  + Stats.r(rateRatio) + "× the 1-client rate), " + r.getInteger("clients_closed") + " closed";
              break;
            }
            best = n;
            bestResult = r;
          }
        }
        agents.stop();
      } finally {
        vertx.close().await(10, TimeUnit.SECONDS);
        node.close();
      }
    }
    report.details().put("steps", results).put("stopped", stopReason).put("calls", calls);
    report.row("fan-out: calls.active clients with p99 ≤ 250 ms", (double) best, "clients")
        .target("largest passing step", best >= 100)
        .note("stopped: " + stopReason);
    if (bestResult != null && baseline != null) {
      report.row("fan-out p99 at " + best + " clients", bestResult.getDouble("p99_ms"), "ms")
          .baseline("1 client", baseline.getDouble("p99_ms"))
          .target("≤ 250 ms", bestResult.getDouble("p99_ms") <= 250);
    }
    report.write(args.out);
    System.exit(0);
  }
}
