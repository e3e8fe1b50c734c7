package io.switchboard.analytics.bench;

import io.switchboard.analytics.archive.ArchiveDocument;
import io.switchboard.analytics.fixture.Bus;
import io.switchboard.analytics.fixture.CallFixture;
import io.switchboard.analytics.fixture.FixtureCall;
import io.switchboard.contract.Addresses;
import io.switchboard.testkit.TestMongo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.MongoClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * KPI query latency over 100k archived calls in the embedded MongoDB-protocol server, end to end
 * over the event bus through the real verticle. The baseline is a plain {@code count} of the same
 * range on the same server in the same run, so the ratio says what the KPI work costs on top of
 * touching the documents at all (mongo-java-server has no secondary range indexes: both scan).
 *
 * <p>Args: [calls=100000] [runs=7] [output json path]. Not a unit test; run by {@code bench/analytics-kpi}.
 */
public final class KpiBenchmark {
  private static final Instant BASE = Instant.parse("2026-01-05T00:00:00Z");
  private static final int SPAN_DAYS = 60;

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path out = Path.of(args.length > 2 ? args[2] : "bench/results/analytics-kpi.json");

    Vertx vertx = Vertx.vertx();
    TestMongo server = TestMongo.start();
    try {
      Bus.deploy(vertx, Bus.config(server.url()).put("analytics.mongo.timeout.ms", 30_000));
      MongoClient mongo = Bus.mongoClient(vertx, server.url());

      long t0 = System.nanoTime();
      load(mongo, n);
      long loadMs = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("loaded %d calls in %d ms%n", n, loadMs);

      Instant from = BASE.plus(Duration.ofDays(15));
      Instant to = from.plus(Duration.ofDays(30));
      JsonObject range = new JsonObject().put("started_at", new JsonObject()
          .put("$gte", new JsonObject().put("$date", from.toString()))
          .put("$lt", new JsonObject().put("$date", to.toString())));
      long inRange = Bus.await(mongo.count("calls", range));

      List<String> names = new ArrayList<>();
      List<Supplier<Future<?>>> queries = new ArrayList<>();
      for (String bucket : List.of("hour", "day", "week")) {
        for (String[] f : new String[][] {{null, null}, {"agent-b", null}, {null, "ms"}}) {
          JsonObject q = new JsonObject().put("from", from.toString()).put("to", to.toString()).put("bucket", bucket)
              .put("agent", f[0]).put("language", f[1]);
          names.add("kpi bucket=" + bucket + (f[0] != null ? " agent" : "") + (f[1] != null ? " language" : ""));
          queries.add(() -> vertx.eventBus().request(Addresses.ANALYTICS_QUERY, q));
        }
      }
      // warm every path (JIT, pools) and settle the heap after loading, so the first query measured
      // does not pay for the others
      for (int i = 0; i < 2; i++) {
        queries.forEach(op -> Bus.await(op.get()));
      }
      System.gc();
      JsonObject baseline = measure("baseline count(range)", runs, () -> mongo.count("calls", range));
      JsonArray results = new JsonArray();
      for (int i = 0; i < queries.size(); i++) {
        JsonObject m = measure(names.get(i), runs, queries.get(i));
        m.put("ratio_p50_vs_count", round(m.getDouble("p50_ms") / Math.max(0.001, baseline.getDouble("p50_ms"))));
        results.add(m);
      }
      JsonObject report = new JsonObject()
          .put("benchmark", "analytics-kpi")
          .put("at", Instant.now().toString())
          .put("server", "mongo-java-server 1.47.0 (memory backend), loopback")
          .put("cores", Runtime.getRuntime().availableProcessors())
          // the machine is shared: a high load average means noisy numbers
          .put("load_average_1m", round(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
          .put("calls_loaded", n)
          .put("calls_in_range", inRange)
          .put("range_days", 30)
          .put("load_ms", loadMs)
          .put("runs_per_query", runs)
          .put("baseline", baseline)
          .put("queries", results);
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, report.encodePrettily() + "\n");
      System.out.println("wrote " + out);
      Bus.await(mongo.close());
    } finally {
      Bus.await(vertx.close());
      server.close();
    }
  }

  /** Archive documents built exactly as call.ended builds them, inserted in bulk batches. */
  private static void load(MongoClient mongo, int n) {
    Random rnd = new Random(11);
    long span = Duration.ofDays(SPAN_DAYS).toMillis();
    List<BulkOperation> batch = new ArrayList<>(2_000);
    for (int i = 0; i < n; i++) {
      FixtureCall c = CallFixture.call(i, BASE.toEpochMilli() + (long) (rnd.nextDouble() * span), rnd, "bench-" + i);
      batch.add(BulkOperation.createInsert(ArchiveDocument.of(ArchiveDocument.parse(c.body()), c.endedMs())));
      if (batch.size() == 2_000 || i == n - 1) {
        Bus.await(mongo.bulkWrite("calls", batch));
        batch = new ArrayList<>(2_000);
      }
    }
  }

  private static JsonObject measure(String name, int runs, Supplier<Future<?>> op) {
    Bus.await(op.get()); // warm-up
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      Bus.await(op.get());
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    JsonObject m = new JsonObject().put("name", name).put("p50_ms", round(ms[runs / 2])).put("max_ms", round(ms[runs - 1]));
    System.out.printf("%-36s p50 %8.1f ms   max %8.1f ms%n", name, ms[runs / 2], ms[runs - 1]);
    return m;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
