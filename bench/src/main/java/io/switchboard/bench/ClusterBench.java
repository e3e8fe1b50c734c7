package io.switchboard.bench;

import io.switchboard.app.BenchNode;
import io.switchboard.testkit.FreePort;
import io.switchboard.testkit.NodeProcess;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 7: the end-to-end latency of {@link E2eBench} at a smaller scale, on three clustered
 * JVMs on loopback (gateway on A, ingest on B, debouncer on C, one shared Redis), against one
 * single-node JVM running the same three verticles, measured in the same run.
 */
public final class ClusterBench {
  private ClusterBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    Report report = new Report("cluster", args.quick);
    int calls = args.integer("calls", 300, 200);
    int clients = args.integer("clients", 50, 50);
    int measure = args.integer("seconds", 12, 5);
    int warmup = args.integer("warmup", 6, 3);

    JsonObject single = null;
    String singleWhat = "single-node JVM";
    if (args.quick) {
      // --quick: the single node runs in this JVM (one JVM start less), same scale and settings
      singleWhat = "single node (in-process)";
      try (TestRedis redis = TestRedis.start()) {
        io.switchboard.app.BenchNode node = io.switchboard.app.BenchNode.start(
            io.switchboard.app.BenchNode.baseConfig(redis.url(), "gateway,ingest,debouncer"));
        try {
          single = measure(node.port(), calls, clients, measure, warmup);
        } finally {
          node.close();
        }
      }
    }
    if (single == null) try (TestRedis redis = TestRedis.start()) {
      int http = FreePort.get();
      try (NodeProcess n = node("single", redis.url(), "--verticles", "gateway,ingest,debouncer", "--http-port", "" + http,
          "--set", "health.expect=gateway,ingest,debouncer", "--set", NO_ROUTINE_PACING)) {
        n.awaitReady(Duration.ofSeconds(60));
        awaitHealth(http, Duration.ofSeconds(30));
        single = measure(http, calls, clients, measure, warmup, Map.of("single", n.pid()), null);
      }
    }
    JsonObject cluster;
    try (TestRedis redis = TestRedis.start()) {
      int http = FreePort.get();
      int a = FreePort.get();
      int b = FreePort.get();
      int c = FreePort.get();
      String members = "127.0.0.1:" + a + ",127.0.0.1:" + b + ",127.0.0.1:" + c;
      try (NodeProcess nb = node("cluster-ingest", redis.url(), "--cluster", "--cluster-port", "" + b, "--cluster-members", members, "--verticles", "ingest");
          NodeProcess nc = node("cluster-debouncer", redis.url(), "--cluster", "--cluster-port", "" + c, "--cluster-members", members, "--verticles", "debouncer", "--set", NO_ROUTINE_PACING);
          NodeProcess na = node("cluster-gateway", redis.url(), "--cluster", "--cluster-port", "" + a, "--cluster-members", members,
              "--verticles", "gateway", "--http-port", "" + http, "--set", "health.expect=gateway,ingest,debouncer")) {
        nb.awaitReady(Duration.ofSeconds(120));
        nc.awaitReady(Duration.ofSeconds(120));
        na.awaitReady(Duration.ofSeconds(120));
        awaitHealth(http, Duration.ofSeconds(60));
        Vertx probe = Vertx.vertx();
        try {
          cluster = measure(http, calls, clients, measure, warmup,
              Map.of("gateway", na.pid(), "ingest", nb.pid(), "debouncer", nc.pid()), io.vertx.redis.client.RedisAPI.api(io.vertx.redis.client.Redis.createClient(probe, redis.url())));
        } finally {
          probe.close().await(10, TimeUnit.SECONDS);
        }
      }
    }
    report.details().put("single_node", single).put("three_nodes", cluster);
    String at = calls + " calls, " + clients + " clients";
    JsonObject s = single.getJsonObject("room_latency");
    JsonObject k = cluster.getJsonObject("room_latency");
    report.row("cluster e2e p50 call.<room>, 3 JVMs (" + at + ")", k.getDouble("p50_ms"), "ms")
        .baseline(singleWhat, s.getDouble("p50_ms"))
        .target("≤ 70 ms", E2eBench.lte(k.getDouble("p50_ms"), 70));
    report.row("cluster e2e p99 call.<room>, 3 JVMs (" + at + ")", k.getDouble("p99_ms"), "ms")
        .baseline(singleWhat, s.getDouble("p99_ms"))
        .target("≤ 150 ms", E2eBench.lte(k.getDouble("p99_ms"), 150));
    report.row("cluster e2e p99 calls.active, 3 JVMs (" + at + ")", cluster.getJsonObject("list_latency").getDouble("p99_ms"), "ms")
        .baseline(singleWhat, single.getJsonObject("list_latency").getDouble("p99_ms"));
    JsonObject perRole = cluster.getJsonObject("cpu_us_per_event", new JsonObject());
    for (String role : List.of("gateway", "ingest", "debouncer", "redis")) {
      if (perRole.getValue(role) instanceof Number us) {
        report.row("cluster CPU per event, " + role + (role.equals("redis") ? "" : " JVM") + " (" + at + ")", us.doubleValue(), "µs");
      }
    }
    if (single.getJsonObject("cpu_us_per_event", new JsonObject()).getValue("single") instanceof Number us) {
      report.row("single-node JVM CPU per event, gateway+ingest+debouncer (" + at + ")", us.doubleValue(), "µs");
    }
    report.write(args.out);
    System.exit(0);
  }

  /**
   * A node in its own JVM on the shared Redis, with the bench's agent key, JWT secret and demo
   * users; its output in {@code bench/target/nodes/<name>.log}; it leaves the cluster cleanly on close.
   */
  /** Interims are the list's latency samples here: none held by routine pacing (the load benchmark measures the paced list). */
  static final String NO_ROUTINE_PACING = "debouncer.list.routine.ms=0";

  static NodeProcess node(String name, String redisUrl, String... args) throws IOException {
    return node(name, redisUrl, List.of(), args);
  }

  /** A benchmark node whose JVM also gets {@code jvmOptions} (GC choice, JFR). */
  static NodeProcess node(String name, String redisUrl, List<String> jvmOptions, String... args) throws IOException {
    return NodeProcess.builder(name)
        .jvmOptions(jvmOptions)
        .logDir(Path.of("bench", "target", "nodes"))
        .maxHeapMb(512)
        .mergeOutput()
        .gracefulClose()
        .env(Map.of("REDIS_URL", redisUrl))
        .args(args)
        .args(
            "--set", "agent.keys." + BenchNode.AGENT + "=" + BenchNode.AGENT_KEY,
            "--set", "ingest.rate.per.second=0", // one key drives every generated call
            "--set", "auth.jwt.secret=" + BenchNode.JWT_SECRET,
            "--set", "auth.demo.users=true",
            "--set", "mongo.embedded=memory",
            "--set", "reconcile.period.s=0",
            "--set", "http.host=127.0.0.1")
        .start();
  }

  static JsonObject measure(int port, int calls, int clients, int measure, int warmup) throws Exception {
    return measure(port, calls, clients, measure, warmup, Map.of(), null);
  }

  /** As above, also reporting each process's CPU per event (role → pid) and Redis's. */
  static JsonObject measure(int port, int calls, int clients, int measure, int warmup, Map<String, Long> processes, io.vertx.redis.client.RedisAPI redis)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      LiveRun run = new LiveRun();
      run.calls = calls;
      run.clients = clients;
      run.activeClients = Math.max(1, clients / 10);
      run.roomsPerClient = 5;
      run.measureS = measure;
      run.warmupS = warmup;
      run.prefix = "cl";
      run.processes = processes;
      run.redis = redis;
      return run.run(vertx, port);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  static void awaitHealth(int port, Duration timeout) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r = http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        last = r.statusCode() + " " + r.body();
        if (r.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        last = e.toString();
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("health never 200: " + last);
  }
}
