package io.switchboard.bench;

import io.switchboard.app.BenchNode;
import io.switchboard.testkit.NodeProcess;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 1: {@code POST /call-event} events/s at saturation (load generator in its own JVM),
 * against a no-op Vert.x route in the same process driven by the same generator, and against the
 * Redis cost of the same event: the exact EVALSHA ingest sends (captured from the slow log),
 * replayed by {@code redis-benchmark} (pipelined) and by a pipelined Vert.x Redis client.
 */
public final class IngestBench {
  private IngestBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    Report report = new Report("ingest", args.quick);
    int seconds = args.integer("seconds", 15, 4);
    int warmup = args.integer("warmup", 4, 1);
    int connections = args.integer("connections", 64, 64);
    int rooms = 1000;
    String verticles = args.string("verticles", "gateway,ingest,debouncer");
    report.details().put("verticles", verticles);
    try (TestRedis redis = TestRedis.start()) {
      BenchNode node = BenchNode.start(BenchNode.baseConfig(redis.url(), verticles));
      Vertx noopVertx = Vertx.vertx();
      Vertx vertx = Vertx.vertx();
      try {
        Router router = Router.router(noopVertx);
        router.post("/noop").handler(BodyHandler.create().setBodyLimit(65536)).handler(ctx ->
            ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json").end("{\"ok\":true}"));
        HttpServer noop = noopVertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);

        try (Agents agents = new Agents(vertx, node.port(), "load", rooms, 32)) {
          agents.startCalls().await(60, TimeUnit.SECONDS);
        }
        JsonObject base = withCpu(() -> loadGen(noop.actualPort(), "/noop", connections, seconds, warmup, rooms));
        JsonObject ingest = withCpu(() -> loadGen(node.port(), "/call-event", connections, seconds, warmup, rooms));
        JsonObject schema = schemaCost();
        report.details().put("schema_validation", schema);
        report.details().put("noop_route", base).put("call_event", ingest);

        Double evs = ingest.getDouble("requests_per_s");
        Double noopRps = base.getDouble("requests_per_s");
        report.row("ingest POST /call-event at saturation (" + connections + " conns)", evs, "events/s")
            .baseline("no-op Vert.x route, same generator", noopRps)
            .target("ratio ≥ 0.5", evs != null && noopRps != null && evs / noopRps >= 0.5)
            .note("errors " + ingest.getLong("errors") + "; latency p50 " + ingest.getDouble("p50_ms") + " ms, p99 " + ingest.getDouble("p99_ms") + " ms");

        // the Redis op mix of one event, replayed without HTTP, bus or JSON
        List<String> evalsha = captureEvalsha(vertx, redis, node.port());
        report.details().put("captured_command", String.join(" ", evalsha.subList(0, Math.min(12, evalsha.size()))) + " …");
        JsonObject rb = redisBenchmark(redis.port(), evalsha, args.quick ? 30_000 : 200_000);
        report.details().put("redis_benchmark", rb);
        JsonObject vx = vertxPipelined(vertx, redis.url(), evalsha, args.quick ? 20_000 : 100_000);
        report.details().put("vertx_redis_pipelined", vx);
        Double rbOps = rb.getDouble("ops_per_s");
        if (rbOps != null) {
          report.row("ingest vs Redis script alone", evs, "events/s")
              .baseline("redis-benchmark EVALSHA apply-event (-P 16 -c 50)", rbOps);
        }
        report.row("ingest vs Redis script via Vert.x client", evs, "events/s")
            .baseline("pipelined Vert.x RedisAPI EVALSHA (256 in flight)", vx.getDouble("ops_per_s"));
        report.row("server JVM CPU per event (ingest)", ingest.getDouble("server_cpu_us_per_request"), "µs")
            .baseline("server JVM CPU per no-op request", base.getDouble("server_cpu_us_per_request"))
            .note("of which JSON Schema validation (CallEventSchemas.problem, 1 thread) " + schema.getDouble("us_per_event") + " µs");
        if (evs != null && noopRps != null && evs / noopRps < 0.5) {
          report.bottleneck(String.format(
              "ingest reaches %.0f events/s, %.0f%% of the no-op route (%.0f req/s). Redis is not the limit: the same EVALSHA alone does %s ops/s. "
                  + "The server JVM spends %s µs of CPU per event against %s µs per no-op request (JSON Schema validation alone: %s µs), and the generator JVM takes the other core: on 2 cores the write path is CPU-bound in the node JVM",
              evs, 100 * evs / noopRps, noopRps, rbOps == null ? vx.getDouble("ops_per_s") : rbOps,
              ingest.getDouble("server_cpu_us_per_request"), base.getDouble("server_cpu_us_per_request"), schema.getDouble("us_per_event")));
        }
      } finally {
        vertx.close().await(10, TimeUnit.SECONDS);
        noopVertx.close().await(10, TimeUnit.SECONDS);
        node.close();
      }
    }
    report.write(args.out);
    System.exit(0);
  }

  interface Phase {
    JsonObject run() throws Exception;
  }

  /** Runs a load phase and adds this JVM's CPU time per successful request (the server side). */
  static JsonObject withCpu(Phase phase) throws Exception {
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    JsonObject r = phase.run();
    long cpu1 = os.getProcessCpuTime();
    // the generator's warm-up is in the CPU time but not in "ok": scale by the measured share
    Double secs = r.getDouble("seconds");
    Long ok = r.getLong("ok");
    Double warm = r.getDouble("warmup_s");
    if (ok != null && ok > 0 && secs != null) {
      double share = secs / (secs + (warm == null ? 0 : warm));
      r.put("server_cpu_us_per_request", Stats.r((cpu1 - cpu0) / 1000.0 * share / ok));
    }
    return r;
  }

  /** CPU cost of the envelope + data JSON Schema check of one transcript event, one thread. */
  static JsonObject schemaCost() {
    var schemas = new io.switchboard.contract.live.CallEventSchemas();
    JsonObject ev = new JsonObject().put("room_name", "load-1").put("session_id", "s-load-1").put("event_type", "transcript")
        .put("data", new JsonObject().put("role", "agent").put("text", "load line 1234").put("final", true));
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      schemas.problem(ev);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      if (schemas.problem(ev) != null) {
        throw new IllegalStateException("invalid sample event");
      }
    }
    return new JsonObject().put("us_per_event", Stats.r((System.nanoTime() - t0) / 1000.0 / n)).put("events", n);
  }

  static JsonObject loadGen(int port, String path, int connections, int seconds, int warmup, int rooms) throws Exception {
    List<String> cmd = NodeProcess.javaCommand(List.of("-Xmx256m", "-XX:+UseSerialGC"), LoadGenMain.class.getName(),
        List.of("" + port, path, "" + connections, "" + seconds, "" + warmup, "" + rooms, "load"));
    System.out.println("load generator: " + path + " on :" + port);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String result = null;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("RESULT ")) {
          result = line.substring(7);
        }
      }
    } finally {
      if (!p.waitFor(seconds + warmup + 30L, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    if (result == null) {
      return new JsonObject().put("error", "load generator gave no result (exit " + p.exitValue() + ")");
    }
    System.out.println("  " + result);
    return new JsonObject(result);
  }

  /** Posts one transcript event and reads back, from the slow log, the EVALSHA ingest sent for it. */
  static List<String> captureEvalsha(Vertx vertx, TestRedis redis, int port) throws Exception {
    Redis client = Redis.createClient(vertx, redis.url());
    RedisAPI api = RedisAPI.api(client);
    try {
      api.config(List.of("SET", "slowlog-log-slower-than", "0")).await(5, TimeUnit.SECONDS);
      api.slowlog(List.of("RESET")).await(5, TimeUnit.SECONDS);
      try (Agents one = new Agents(vertx, port, "load", 1, 1)) {
        one.post(0, "transcript", new JsonObject().put("role", "agent").put("text", "a typical agent reply of some length, about sixty chars").put("final", true))
            .await(5, TimeUnit.SECONDS);
      }
      Response log = api.slowlog(List.of("GET", "128")).await(5, TimeUnit.SECONDS);
      api.config(List.of("SET", "slowlog-log-slower-than", "10000")).await(5, TimeUnit.SECONDS);
      for (Response entry : log) {
        Response cmd = entry.get(3);
        if (cmd.size() > 0 && "evalsha".equalsIgnoreCase(cmd.get(0).toString())) {
          List<String> out = new ArrayList<>();
          for (Response a : cmd) {
            out.add(a.toString());
          }
          boolean truncated = out.stream().anyMatch(s -> s.matches(".*\\.\\.\\. \\(\\d+ more (bytes|arguments)\\)$"));
          if (!truncated) {
            return out;
          }
        }
      }
      throw new IllegalStateException("no EVALSHA of ingest in the slow log");
    } finally {
      client.close();
    }
  }

  static JsonObject redisBenchmark(int port, List<String> command, int n) throws Exception {
    if (!new File("/usr/bin/redis-benchmark").canExecute() && !onPath("redis-benchmark")) {
      return new JsonObject().put("skipped", "redis-benchmark not installed (apt-get install redis-tools)");
    }
    List<String> cmd = new ArrayList<>(List.of("redis-benchmark", "-h", "127.0.0.1", "-p", "" + port, "-n", "" + n, "-c", "50", "-P", "16", "--csv"));
    cmd.addAll(command);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out;
    try {
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    // the test name is the command itself (it may hold commas): read the 7 figures from the end
    for (String line : out.split("\n")) {
      String[] f = line.replace("\"", "").split(",");
      if (f.length >= 8) {
        try {
          int k = f.length;
          return new JsonObject()
              .put("ops_per_s", Double.parseDouble(f[k - 7]))
              .put("p50_ms", Double.parseDouble(f[k - 4]))
              .put("p99_ms", Double.parseDouble(f[k - 2]))
              .put("requests", n).put("clients", 50).put("pipeline", 16);
        } catch (NumberFormatException ignored) {
          // the header line
        }
      }
    }
    return new JsonObject().put("error", out.length() > 400 ? out.substring(0, 400) : out);
  }

  private static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, exe).canExecute()) {
        return true;
      }
    }
    return false;
  }

  static JsonObject vertxPipelined(Vertx vertx, String url, List<String> command, int n) throws Exception {
    Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(8).setMaxPoolWaiting(100_000).setMaxWaitingHandlers(100_000));
    RedisAPI api = RedisAPI.api(client);
    List<String> args = command.subList(1, command.size());
    try {
      Agents.each(2000, 256, i -> api.evalsha(args)).await(60, TimeUnit.SECONDS);
      long t0 = System.nanoTime();
      Agents.each(n, 256, i -> api.evalsha(args)).await(120, TimeUnit.SECONDS);
      double secs = (System.nanoTime() - t0) / 1e9;
      return new JsonObject().put("ops_per_s", Stats.r(n / secs)).put("requests", n).put("in_flight", 256);
    } finally {
      client.close();
    }
  }

  @SuppressWarnings("unused")
  private static Future<Void> unused() {
    return Future.succeededFuture();
  }
}
