package io.switchboard.bench;

import io.switchboard.testkit.BridgeClient;
import io.switchboard.testkit.NodeProcess;

import io.switchboard.testkit.FreePort;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark "load" (issue 16): the node (gateway, ingest, debouncer, sentiment) in its own JVM,
 * the agents ({@link CallLoad}) and dashboards ({@link LoadDashboards}, SockJS bridge clients) in
 * this one. For each step (calls × 1 event/s, dashboards watching one room + calls.active): offered
 * vs accepted events/s, e2e latency on call.&lt;room&gt; and calls.active, POST latency, node and
 * Redis CPU per accepted event, delivered / expected final lines and duplicates.
 *
 * <p>CPU per event is the figure to compare between runs: on a shared machine latency measures the
 * neighbours, CPU time barely. Same-run baselines: a no-op route in its own JVM driven by the same
 * generator (CPU per request) and the raw Redis HSET → keyspace notification latency.
 *
 * <pre>LoadBench --workload hard|realistic|hard,realistic --calls 200,1000,3000,5000,2000x200,5000x200 --dashboards 20
 *   --seconds 10 --warmup 3 [--jfr 1000] [--readme README.md]</pre>
 * A step {@code 2000x200} is 2,000 calls with 200 dashboards; {@code --jfr N} records a JFR
 * profile of the node during the step with N calls and adds its stage breakdown.
 */
public final class LoadBench {
  static final String VERTICLES = "gateway,ingest,debouncer,sentiment";

  private LoadBench() {}

  /**
   * The node's JVM heap ({@code --node-heap-mb}), event-loop threads ({@code --event-loops}) and
   * further JVM options ({@code --node-jvm "-XX:A -XX:B"}, for A/B runs of JVM flags).
   */
  record NodeShape(int heapMb, int eventLoops, List<String> jvmOptions) {}

  record Step(int calls, int dashboards) {
    static List<Step> parse(String list, int defaultDashboards) {
      List<Step> out = new ArrayList<>();
      for (String s : list.split(",")) {
        String[] f = s.trim().split("x");
        out.add(new Step(Integer.parseInt(f[0]), f.length > 1 ? Integer.parseInt(f[1]) : defaultDashboards));
      }
      return out;
    }

    String id() {
      return calls + "x" + dashboards;
    }
  }

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    Report report = new Report("load", args.quick);
    List<CallLoad.Workload> workloads = new ArrayList<>();
    for (String w : args.string("workload", args.quick ? "hard" : "hard,realistic").split(",")) {
      workloads.add(CallLoad.Workload.of(w));
    }
    int dashboards = args.integer("dashboards", 20, 20);
    List<Step> steps = Step.parse(args.string("calls", args.quick ? "200,1000" : "200,1000,3000,5000,2000x200,5000x200"), dashboards);
    int seconds = args.integer("seconds", 20, 8);
    int warmup = args.integer("warmup", 40, 3);
    int jfrAt = args.integer("jfr", -1, -1);
    int connections = args.integer("connections", 32, 32);
    BridgeClient.Transport dashboardTransport = BridgeClient.Transport.valueOf(args.string("dashboard-transport", "raw").toUpperCase(java.util.Locale.ROOT));
    NodeShape shape = new NodeShape(args.integer("node-heap-mb", 2048, 2048),
        args.integer("event-loops", Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors()),
        java.util.Arrays.stream(args.string("node-jvm", "").trim().split("\\s+")).filter(o -> !o.isEmpty()).toList());
    report.details().put("workloads", workloads.toString()).put("verticles", VERTICLES).put("connections", connections).put("node_heap_mb", shape.heapMb()).put("node_event_loops", shape.eventLoops()).put("node_jvm_options", String.join(" ", shape.jvmOptions()))
        .put("seconds", seconds).put("warmup_s", warmup);

    JsonObject raw = E2eBench.rawKeyspaceLatency(300);
    report.details().put("raw_hset_to_keyspace_notification", raw);
    List<JsonObject> results = new ArrayList<>();
    for (CallLoad.Workload wl : workloads) {
      int noopCalls = Math.min(1000, steps.get(0).calls());
      JsonObject noop = noopBaseline(wl, noopCalls, seconds, warmup, connections);
      report.details().put("noop_" + wl.id(), noop);
      for (Step step : steps) {
        JsonObject r = step(wl, step, seconds, warmup, connections, shape, dashboardTransport, step.calls() == jfrAt);
        r.put("noop_cpu_us_per_request", noop.getValue("cpu_us_per_request")).put("noop_net_cpu_us_per_request", noop.getValue("net_cpu_us_per_request"));
        if (r.getString("jfr_file") != null && Files.exists(Path.of(r.getString("jfr_file")))) {
          Double us = r.getDouble("node_cpu_us_per_event");
          JsonObject prof = JfrTop.analyse(Path.of(r.getString("jfr_file")), us == null ? Double.NaN : us, 25,
              java.time.Instant.ofEpochMilli(r.getLong("jfr_window_start_ms")), java.time.Instant.ofEpochMilli(r.getLong("jfr_window_end_ms")));
          r.put("jfr", prof);
          System.out.println("  JFR stages: " + prof.getJsonArray("stages_inclusive").encode());
        }
        results.add(r);
        report.details().put(wl.id() + "_" + step.id(), r);
        rows(report, wl, step, r, noop, raw);
      }
    }
    report.write(args.out);
    String md = markdown(results, raw);
    Files.writeString(args.out.resolve("load.md"), md);
    Files.writeString(args.out.resolve("load.json"), new JsonArray(results).encodePrettily());
    Path readme = Path.of(args.string("readme", "README.md"));
    if (Files.exists(readme)) {
      writeReadme(readme, md);
    }
    System.exit(0);
  }

  private static String lateJoin(JsonObject late) {
    return late == null ? "–" : ReportMain.fmt(late.getValue("p50_ms")) + " / " + ReportMain.fmt(late.getValue("p99_ms"))
        + (late.getInteger("short", 0) > 0 ? " (" + late.getInteger("short") + " short)" : "");
  }

  static void rows(Report report, CallLoad.Workload wl, Step step, JsonObject r, JsonObject noop, JsonObject raw) {
    String at = wl.id() + ", " + String.format("%,d", step.calls()) + " calls, " + step.dashboards() + " dashboards";
    Double acc = r.getDouble("accepted_per_s");
    Double off = r.getDouble("offered_per_s");
    report.row("load accepted events/s (" + at + ")", acc, "events/s").baseline("offered", off)
        .target("≥ 0.99 × offered, 0 errors", acc != null && off != null && acc >= 0.99 * off && r.getLong("post_failures", 1L) == 0)
        .note("post failures " + r.getLong("post_failures") + ", skipped (in-flight cap) " + r.getLong("skipped") + ", last error " + r.getString("last_error"));
    Double cpu = r.getDouble("node_cpu_us_per_event");
    report.row("load node CPU per event (" + at + ")", cpu, "µs")
        .baseline("no-op route in its own JVM, same generator and warm-up, CPU per request", noop.getDouble("cpu_us_per_request"))
        .target("≤ 120 µs (issue 16)", cpu != null && cpu <= 120)
        .note("without the idle node's CPU (" + r.getDouble("node_idle_cpu_pct") + " %) " + r.getDouble("node_net_cpu_us_per_event") + " µs; Redis CPU per event " + r.getDouble("redis_cpu_us_per_event") + " µs; generator + dashboards JVM " + r.getDouble("bench_cpu_us_per_event") + " µs");
    JsonObject room = r.getJsonObject("room_latency");
    report.row("load e2e p99 call.<room>, measured under load (" + at + ")", room.getDouble("p99_ms"), "ms")
        .baseline("raw HSET → keyspace notification p99", raw.getDouble("p99_ms"))
        .target("≤ 150 ms", E2eBench.lte(room.getDouble("p99_ms"), 150))
        .note("p50 " + room.getDouble("p50_ms") + " / p95 " + room.getDouble("p95_ms") + " / max " + room.getDouble("max_ms") + " ms, " + room.getInteger("count") + " samples");
    JsonObject list = r.getJsonObject("list_latency");
    report.row("load e2e p99 calls.active, changes sent at once (label, escalation…), measured under load (" + at + ")", list.getDouble("p99_ms"), "ms")
        .target("≤ 150 ms", E2eBench.lte(list.getDouble("p99_ms"), 150))
        .note("p50 " + list.getDouble("p50_ms") + " / p95 " + list.getDouble("p95_ms") + " / max " + list.getDouble("max_ms") + " ms, " + list.getInteger("count") + " samples");
    JsonObject late = r.getJsonObject("late_join", new JsonObject());
    report.row("load late join p99, complete " + LateJoinProbe.LINES + "-line history over the bridge, measured under load (" + at + ")", late.getDouble("p99_ms"), "ms")
        .target("≤ 50 ms, every fetch complete", E2eBench.lte(late.getDouble("p99_ms"), 50) && late.getInteger("short", 1) == 0)
        .note("p50 " + late.getDouble("p50_ms") + " / max " + late.getDouble("max_ms") + " ms, " + late.getInteger("count") + " fetches, " + late.getInteger("short") + " short or failed");
    Double ratio = r.getDouble("delivered_ratio");
    report.row("load final lines delivered / expected (" + at + ")", ratio, "")
        .target("1.0, no duplicates", ratio != null && ratio >= 1.0 && r.getLong("duplicates", 1L) == 0)
        .note(r.getLong("delivered") + " of " + r.getLong("expected") + ", duplicates " + r.getLong("duplicates"));
  }

  static JsonObject step(CallLoad.Workload wl, Step step, int seconds, int warmup, int connections, NodeShape shape, BridgeClient.Transport dashboardTransport, boolean jfr) throws Exception {
    System.out.printf("load: %s, %d calls, %d dashboards%s%n", wl.id(), step.calls(), step.dashboards(), jfr ? ", JFR" : "");
    Path jfrFile = Path.of("bench", "results", "logs", "load-" + wl.id() + "-" + step.calls() + ".jfr").toAbsolutePath();
    List<String> jvm = new ArrayList<>(List.of("-Xmx" + shape.heapMb() + "m", "-XX:+UseParallelGC")); // after NodeProcess's -Xmx: the last one counts
    jvm.addAll(shape.jvmOptions());
    Files.deleteIfExists(jfrFile);
    int port = FreePort.get();
    try (TestRedis redis = awaitPing(TestRedis.start());
        NodeProcess node = ClusterBench.node("load-" + wl.id() + "-" + step.id(), redis.url(), jvm, "--verticles", VERTICLES, "--http-port", "" + port, "--set", "health.expect=" + VERTICLES, "--set", "event.loops=" + shape.eventLoops())) {
      node.awaitReady(java.time.Duration.ofSeconds(120));
      Vertx vertx = Vertx.vertx();
      Redis rc = Redis.createClient(vertx, redis.url());
      RedisAPI rapi = RedisAPI.api(rc);
      try (CallLoad load = new CallLoad(vertx, port, "ld", step.calls(), connections, wl);
          LoadDashboards dash = new LoadDashboards()) {
        load.startCalls().await(180, TimeUnit.SECONDS);
        String token = Dashboards.login(vertx, port);
        dash.connect(vertx, port, token, step.dashboards(), load, dashboardTransport).await(120, TimeUnit.SECONDS);
        LateJoinProbe lateJoin = LateJoinProbe.prepare(vertx, port, token);
        load.run(1.0);
        if (jfr) {
          // started before the warm-up: starting a recording makes the JIT recompile part of the
          // node, which (seen on this machine) costs the node a core for tens of seconds
          jcmd(node.pid(), "JFR.start", "name=load", "settings=" + jfcWithSampling(2));
        }
        lateJoin.start(1000); // one late join a second: each is a 2,000-line read, rare in real use
        // /health once now: its first request loads the health checks' code and deoptimised the
        // node's HTTP and Redis paths (226 "made not entrant" within 10 s) when it came first at
        // the window's start, for the flush counters below
        debouncerFlushes(port);
        Thread.sleep(warmup * 1000L);
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        java.time.Instant windowStart = java.time.Instant.now();
        var threads0 = ProcCpu.byThread(node.pid());
        var loops0 = ProcCpu.eventLoops(node.pid());
        long node0 = ProcCpu.nanos(node.pid());
        double redis0 = redisCpuSeconds(rapi);
        Map<String, long[]> commands0 = redisCommandStats(rapi);
        long[] flushes0 = debouncerFlushes(port);
        long bench0 = os.getProcessCpuTime();
        BridgeDashboards.Mark since = dash.mark();
        lateJoin.measure();
        double secs = load.recordFor(seconds);
        java.time.Instant windowEnd = java.time.Instant.now();
        JsonObject lateJoinFetches = lateJoin.stop();
        lateJoin.close();
        long node1 = ProcCpu.nanos(node.pid());
        var threads1 = ProcCpu.byThread(node.pid());
        var loops1 = ProcCpu.eventLoops(node.pid());
        if (jfr) {
          jcmd(node.pid(), "JFR.stop", "name=load", "filename=" + jfrFile);
        }
        double redis1 = redisCpuSeconds(rapi);
        Map<String, long[]> commands1 = redisCommandStats(rapi);
        long[] flushes1 = debouncerFlushes(port);
        long bench1 = os.getProcessCpuTime();
        load.stop();
        load.drain();
        Thread.sleep(1500); // deliveries of the last window's lines
        // the node's CPU without events (timers, pings, GC): subtracted for the marginal cost per event
        double idlePerS = ProcCpu.nanosPerSecond(node.pid(), 3000);
        long accepted = load.accepted.get();
        JsonObject out = new JsonObject()
            .put("workload", wl.id())
            .put("calls", step.calls())
            .put("dashboards", dash.size())
            .put("dashboard_transport", dashboardTransport.name().toLowerCase(java.util.Locale.ROOT))
            .put("measure_s", Stats.r(secs))
            .put("offered_per_s", Stats.r(load.offered.get() / secs))
            .put("accepted_per_s", Stats.r(accepted / secs))
            .put("post_failures", load.failed.get())
            .put("skipped", load.skipped.get())
            .put("last_error", load.lastError())
            .put("node_cpu_us_per_event", accepted == 0 ? null : Stats.r((node1 - node0) / 1000.0 / accepted))
            .put("node_cpu_pct", Stats.r(100.0 * (node1 - node0) / 1e9 / secs))
            .put("node_idle_cpu_pct", Stats.r(100.0 * idlePerS / 1e9))
            .put("node_net_cpu_us_per_event", accepted == 0 ? null : Stats.r(Math.max(0, node1 - node0 - idlePerS * secs) / 1000.0 / accepted))
            .put("redis_cpu_us_per_event", accepted == 0 ? null : Stats.r((redis1 - redis0) * 1e6 / accepted))
            .put("redis_cpu_pct", Stats.r(100.0 * (redis1 - redis0) / secs))
            .put("bench_cpu_us_per_event", accepted == 0 ? null : Stats.r((bench1 - bench0) / 1000.0 / accepted))
            .put("post_latency", load.post.json())
            .put("expected", load.expectedLines.get())
            .put("delivered", dash.delivered.get())
            .put("duplicates", dash.duplicates.get())
            .put("delivered_ratio", load.expectedLines.get() == 0 ? null : Stats.r((double) dash.delivered.get() / load.expectedLines.get()))
            .put("load_average", Files.readString(Path.of("/proc/loadavg")).split(" ")[0])
            .mergeIn(dash.results(since, secs))
            .put("late_join", lateJoinFetches)
            // docs/architecture.md#change-feed: the share of room flushes published without a read
            .put("debouncer_flushes_from_feed_pct", flushes0 == null || flushes1 == null
                || flushes1[0] + flushes1[1] == flushes0[0] + flushes0[1] ? null
                : Stats.r(100.0 * (flushes1[0] - flushes0[0]) / (flushes1[0] + flushes1[1] - flushes0[0] - flushes0[1])))
            // docs/architecture.md#watched-rooms: the share that built no delta, nobody watching the room
            .put("debouncer_flushes_unwatched_pct", flushes0 == null || flushes1 == null
                || flushes1[0] + flushes1[1] == flushes0[0] + flushes0[1] ? null
                : Stats.r(100.0 * (flushes1[2] - flushes0[2]) / (flushes1[0] + flushes1[1] - flushes0[0] - flushes0[1])));
        JsonObject perThread = new JsonObject();
        threads1.forEach((name, n) -> {
          long d = n - threads0.getOrDefault(name, 0L);
          if (d > 0 && accepted > 0) {
            perThread.put(name, Stats.r(d / 1000.0 / accepted));
          }
        });
        out.put("node_cpu_us_per_event_by_thread", perThread);
        // each event loop's share of one core in the window, busiest first
        out.put("node_event_loop_busy_pct", new io.vertx.core.json.JsonArray(loops1.entrySet().stream()
            .map(e -> Stats.r((e.getValue() - loops0.getOrDefault(e.getKey(), 0L)) / 1e7 / secs))
            .sorted(java.util.Comparator.reverseOrder()).toList()));
        out.put("redis_commands_per_event", perEvent(commands0, commands1, accepted));
        System.out.println("  " + out.encode());
        if (jfr) {
          out.put("jfr_file", jfrFile.toString())
              .put("jfr_window_start_ms", windowStart.toEpochMilli())
              .put("jfr_window_end_ms", windowEnd.toEpochMilli());
        }
        return out;
      } finally {
        rc.close();
        vertx.close().await(10, TimeUnit.SECONDS);
      }
    } finally {
      if (jfr && Files.exists(jfrFile)) {
        System.out.println("  JFR: " + jfrFile);
      }
    }
  }

  /** The node gives Redis 3 s at start-up; on a loaded machine a fresh Redis can take longer to answer. */
  static TestRedis awaitPing(TestRedis redis) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Redis client = Redis.createClient(vertx, redis.url());
      long deadline = System.currentTimeMillis() + 30_000;
      while (true) {
        try {
          RedisAPI.api(client).ping(List.of()).await(5, TimeUnit.SECONDS);
          client.close();
          return redis;
        } catch (Exception e) {
          if (System.currentTimeMillis() > deadline) {
            throw e;
          }
          Thread.sleep(200);
        }
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** Runs {@code jcmd <pid> args…} (the JDK's own tool), at most 60 s. */
  static void jcmd(long pid, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid)));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      System.out.println("  jcmd " + String.join(" ", args) + ": " + out.strip());
    }
  }

  /** The JDK's profile settings with Java method sampling every {@code ms} ms (10–20 ms by default: too few samples on a starved node). */
  static String jfcWithSampling(int ms) throws Exception {
    Path profile = Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc");
    String jfc = Files.readString(profile).replaceAll(
        "(?s)(<event name=\"jdk.ExecutionSample\">.*?<setting name=\"period\"[^>]*>)[^<]*(<)", "$1" + ms + " ms$2");
    Path out = Path.of("bench", "target", "tmp", "load-profile.jfc").toAbsolutePath();
    Files.createDirectories(out.getParent());
    Files.writeString(out, jfc);
    return out.toString();
  }

  /** {@code INFO commandstats}: command → {calls, usec} (Redis's own accounting, scripts' inner calls included). */
  static Map<String, long[]> redisCommandStats(RedisAPI api) throws Exception {
    String info = api.info(List.of("commandstats")).await(5, TimeUnit.SECONDS).toString();
    Map<String, long[]> out = new java.util.TreeMap<>();
    for (String line : info.split("\r?\n")) {
      if (!line.startsWith("cmdstat_")) {
        continue;
      }
      String name = line.substring("cmdstat_".length(), line.indexOf(':'));
      long calls = 0;
      long usec = 0;
      for (String kv : line.substring(line.indexOf(':') + 1).split(",")) {
        if (kv.startsWith("calls=")) {
          calls = Long.parseLong(kv.substring(6));
        } else if (kv.startsWith("usec=")) {
          usec = Long.parseLong(kv.substring(5));
        }
      }
      out.put(name, new long[] {calls, usec});
    }
    return out;
  }

  /** Per accepted event: calls and Redis µs of each command between two {@link #redisCommandStats} readings. */
  static JsonObject perEvent(Map<String, long[]> before, Map<String, long[]> after, long accepted) {
    JsonObject out = new JsonObject();
    after.forEach((cmd, a) -> {
      long[] b = before.getOrDefault(cmd, new long[2]);
      long calls = a[0] - b[0];
      if (calls > 0 && accepted > 0) {
        out.put(cmd, new JsonObject().put("calls", Stats.r((double) calls / accepted)).put("usec", Stats.r((double) (a[1] - b[1]) / accepted)));
      }
    });
    return out;
  }

  static double redisCpuSeconds(RedisAPI api) throws Exception {
    String info = api.info(List.of("cpu")).await(5, TimeUnit.SECONDS).toString();
    double s = 0;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
        s += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return s;
  }

  /** The same generator against a no-op route in its own JVM: CPU per request of that JVM. */
  static JsonObject noopBaseline(CallLoad.Workload wl, int calls, int seconds, int warmup, int connections) throws Exception {
    System.out.printf("load: no-op baseline, %s, %d calls%n", wl.id(), calls);
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseParallelGC",
        "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""),
        "-cp", System.getProperty("java.class.path"), NoopMain.class.getName(), "" + (seconds + warmup + 60));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Vertx vertx = Vertx.vertx();
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      int port = -1;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("PORT ")) {
          port = Integer.parseInt(line.substring(5).trim());
          break;
        }
      }
      if (port < 0) {
        return new JsonObject().put("error", "no-op JVM gave no port");
      }
      try (CallLoad load = new CallLoad(vertx, port, "noop", calls, connections, wl)) {
        load.run(1.0);
        Thread.sleep(warmup * 1000L);
        long c0 = ProcCpu.nanos(p.pid());
        double secs = load.recordFor(seconds);
        long c1 = ProcCpu.nanos(p.pid());
        load.stop();
        load.drain();
        double idlePerS = ProcCpu.nanosPerSecond(p.pid(), 3000);
        long ok = load.accepted.get();
        JsonObject out = new JsonObject().put("calls", calls).put("accepted_per_s", Stats.r(ok / secs))
            .put("cpu_us_per_request", ok == 0 ? null : Stats.r((c1 - c0) / 1000.0 / ok))
            .put("net_cpu_us_per_request", ok == 0 ? null : Stats.r(Math.max(0, c1 - c0 - idlePerS * secs) / 1000.0 / ok))
            .put("post_latency", load.post.json());
        System.out.println("  " + out.encode());
        return out;
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  static String markdown(List<JsonObject> results, JsonObject raw) throws Exception {
    StringBuilder sb = new StringBuilder();
    String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    sb.append("Load benchmark (`scripts/bench --only load`), ").append(java.time.Instant.now().toString(), 0, 16).append("Z, load average ").append(load)
        .append(" at the end; generator and dashboards in their own JVM, node (").append(VERTICLES).append(") in another, 1 event/s per call. ")
        .append("CPU per event is comparable between runs; the latencies were measured under whatever load the machine had.\n\n");
    sb.append("| workload | calls | dashboards | accepted / offered events/s | node CPU µs/event (no-op route) | same, idle JVM subtracted (no-op) | node CPU | Redis CPU µs/event | POST p99 ms | call.<room> p50 / p95 / p99 / max ms | calls.active, changes sent at once, p50 / p95 / p99 / max ms | calls.active, routine changes (held by design), p50 / p99 ms | late join 2,000 lines p50 / p99 ms | delivered / expected | duplicates |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (JsonObject r : results) {
      JsonObject room = r.getJsonObject("room_latency");
      JsonObject list = r.getJsonObject("list_latency");
      sb.append("| ").append(r.getString("workload"))
          .append(" | ").append(ReportMain.fmt(r.getValue("calls")))
          .append(" | ").append(r.getValue("dashboards"))
          .append(" | ").append(ReportMain.fmt(r.getValue("accepted_per_s"))).append(" / ").append(ReportMain.fmt(r.getValue("offered_per_s")))
          .append(" | ").append(ReportMain.fmt(r.getValue("node_cpu_us_per_event"))).append(" (").append(ReportMain.fmt(r.getValue("noop_cpu_us_per_request"))).append(")")
          .append(" | ").append(ReportMain.fmt(r.getValue("node_net_cpu_us_per_event"))).append(" (").append(ReportMain.fmt(r.getValue("noop_net_cpu_us_per_request"))).append(")")
          .append(" | ").append(ReportMain.fmt(r.getValue("node_cpu_pct"))).append(" %")
          .append(" | ").append(ReportMain.fmt(r.getValue("redis_cpu_us_per_event")))
          .append(" | ").append(ReportMain.fmt(r.getJsonObject("post_latency").getValue("p99_ms")))
          .append(" | ").append(lat(room))
          .append(" | ").append(lat(list))
          .append(" | ").append(routine(r.getJsonObject("list_routine_latency")))
          .append(" | ").append(lateJoin(r.getJsonObject("late_join")))
          .append(" | ").append(r.getValue("delivered")).append(" / ").append(r.getValue("expected"))
          .append(" | ").append(r.getValue("duplicates"))
          .append(" |\n");
    }
    sb.append("\nBaseline: raw Redis HSET → keyspace notification p50 / p99 ").append(raw.getDouble("p50_ms")).append(" / ").append(raw.getDouble("p99_ms")).append(" ms.\n");
    return sb.toString();
  }

  private static String routine(JsonObject l) {
    return l == null ? "–" : ReportMain.fmt(l.getValue("p50_ms")) + " / " + ReportMain.fmt(l.getValue("p99_ms"));
  }

  private static String lat(JsonObject l) {
    return ReportMain.fmt(l.getValue("p50_ms")) + " / " + ReportMain.fmt(l.getValue("p95_ms")) + " / " + ReportMain.fmt(l.getValue("p99_ms")) + " / " + ReportMain.fmt(l.getValue("max_ms"));
  }

  static final String BEGIN = "<!-- load-bench:begin (written by scripts/bench --only load) -->";
  static final String END = "<!-- load-bench:end -->";

  /** Replaces the block between the markers in README's Performance section (adds it when missing). */
  static void writeReadme(Path readme, String md) throws Exception {
    String s = Files.readString(readme);
    String block = BEGIN + "\n" + md + END;
    int b = s.indexOf(BEGIN);
    int e = s.indexOf(END);
    if (b >= 0 && e > b) {
      s = s.substring(0, b) + block + s.substring(e + END.length());
    } else {
      int perf = s.indexOf("## Performance");
      if (perf < 0) {
        return;
      }
      int next = s.indexOf("\n## ", perf + 5);
      int at = next < 0 ? s.length() : next + 1;
      s = s.substring(0, at) + block + "\n\n" + s.substring(at);
    }
    Files.writeString(readme, s);
  }

  /** The debouncer's {flushes from the feed, from reads, of those without a delta} from the node's /health; null when it does not say. */
  private static long[] debouncerFlushes(int port) {
    try {
      JsonObject data = io.switchboard.testkit.HealthReport.data(port, "verticles", "debouncer");
      if (data != null && data.containsKey("flushesFromFeed")) {
        return new long[] {data.getLong("flushesFromFeed"), data.getLong("flushesFromReads"), data.getLong("flushesUnwatched", 0L)};
      }
      return null;
    } catch (Exception | AssertionError e) {
      return null;
    }
  }
}
