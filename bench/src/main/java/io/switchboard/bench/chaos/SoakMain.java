package io.switchboard.bench.chaos;

import io.switchboard.testkit.FreePort;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/bench --soak}: one node from the launcher jar (embedded Redis and archive, the
 * defaults) with {@code calls} calls live at any time, each ending after a random lifetime and
 * replaced by a new one, posting lines and debug events meanwhile. Every {@code sample-s} the
 * node's live heap after a forced GC, its open files and an account of Redis by key class
 * ({@link KeyCensus}: keys, keys without a TTL, archive lag) are sampled; the run fails unless
 * each stays flat ({@link SoakVerdict}: the least-squares slope after the warm-up).
 */
public final class SoakMain {
  private SoakMain() {}

  public static void main(String[] argv) throws Exception {
    io.switchboard.bench.Args args =
        new io.switchboard.bench.Args(argv).only("minutes", "calls", "rate", "lifetime-s", "sample-s", "ended-ttl-s", "out");
    int minutes = args.integer("minutes", 30);
    int calls = args.integer("calls", 1000);
    double rate = args.decimal("rate", 0.2);
    int lifetimeS = args.integer("lifetime-s", 120);
    int sampleS = args.integer("sample-s", 60);
    int endedTtlS = args.integer("ended-ttl-s", 60);
    Path out = args.out;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
    Path work = Path.of("bench", "target", "soak");
    // a fresh node: the embedded Redis persists (AOF under data.dir) and the archive too, so an
    // earlier run's keys and archived calls would otherwise start this one
    deleteTree(work);
    Vertx vertx = Vertx.vertx();
    int http = FreePort.get();
    List<SoakSample> samples = new ArrayList<>();
    boolean ok;
    String verdict;
    List<String> findings = new ArrayList<>();
    try (ChaosNode node = ChaosNode.start("soak", work, http, Map.of(), List.of(
        "--verticles", "gateway,ingest,debouncer,analytics", "--set", "health.expect=gateway,ingest,debouncer,analytics",
        "--set", "metrics.enabled=true",
        // ended calls stay this long after their archive: the key count is steady after one TTL + one lifetime
        "--set", "ingest.ended.ttl.s=" + endedTtlS))) {
      node.awaitReady(Duration.ofSeconds(90));
      node.awaitHealthy(Duration.ofSeconds(60));
      String redisUrl = "redis://127.0.0.1:" + node.embeddedRedisPort();
      Redis redisClient = Redis.createClient(vertx, redisUrl);
      RedisAPI redis = RedisAPI.api(redisClient);
      ChaosLoad load = new ChaosLoad(vertx, http, "soak", calls);
      load.recordOutcomes = false;
      Churn churn = new Churn(vertx, load, calls, lifetimeS, rate);
      churn.start();
      long t0 = System.currentTimeMillis();
      long end = t0 + minutes * 60_000L;
      HttpClient hc = HttpClient.newHttpClient();
      while (true) {
        long next = t0 + (samples.size() + 1) * sampleS * 1000L;
        if (next > end) {
          break;
        }
        Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
        long[] heap = heapAfterGc(node, hc, http);
        KeyCensus.Census census = KeyCensus.take(redis);
        SoakSample s = new SoakSample((System.currentTimeMillis() - t0) / 1000, heap[0], heap[1], openFiles(node.pid()), churn.live(),
            churn.started.get(), churn.ended.get(), load.failed.get(), census);
        samples.add(s);
        System.out.println("  soak sample: " + s.json().encode());
      }
      churn.stop();
      load.close();
      redisClient.close();
      long warmupS = warmupS(sampleS, endedTtlS, lifetimeS);
      SoakVerdict v = SoakVerdict.judge(samples, warmupS, minutes);
      ok = v.ok() && node.alive();
      verdict = v.describe(warmupS) + (node.alive() ? "" : "; the node died ✘");
      findings.addAll(v.findings());
      if (!node.alive()) {
        findings.add("the node died ✘");
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    write(out, samples, minutes, calls, rate, lifetimeS, sampleS, warmupS(sampleS, endedTtlS, lifetimeS), ok, verdict, findings);
    System.out.println("soak: " + (ok ? "flat" : "NOT FLAT") + " — " + verdict);
    System.exit(ok ? 0 : 1);
  }

  /**
   * jcmd GC.run on the node, then from its Prometheus metrics {heap in use, old generation after
   * that GC}.
   */
  static long[] heapAfterGc(ChaosNode node, HttpClient hc, int port) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (Files.isExecutable(jcmd)) {
      new ProcessBuilder(jcmd.toString(), String.valueOf(node.pid()), "GC.run").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
    }
    HttpResponse<String> r = hc.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    long sum = 0;
    long live = -1;
    for (String line : r.body().split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
        sum += value(line);
      } else if (line.startsWith("jvm_gc_live_data_size_bytes ")) {
        live = value(line);
      }
    }
    return new long[] {sum, live};
  }

  private static long value(String metricLine) {
    return (long) Double.parseDouble(metricLine.substring(metricLine.lastIndexOf(' ') + 1));
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static long openFiles(long pid) {
    String[] fds = new File("/proc/" + pid + "/fd").list();
    return fds == null ? -1 : fds.length;
  }

  /** Keeps {@code calls} calls live: each ends after a random lifetime and a new one takes its slot. */
  static final class Churn {
    /** One post in this many is a debug event, the others final transcript lines. */
    static final int DEBUG_EVERY = 10;
    private final Vertx vertx;
    private final ChaosLoad load;
    private final String[] rooms;
    private final long[] endsAt;
    private final int[] generation;
    private final boolean[] busy;
    private final int lifetimeS;
    private final double rate;
    final java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong ended = new java.util.concurrent.atomic.AtomicLong();
    private long timer = -1;
    private long lines = -1;

    Churn(Vertx vertx, ChaosLoad load, int calls, int lifetimeS, double rate) {
      this.vertx = vertx;
      this.load = load;
      this.rooms = new String[calls];
      this.endsAt = new long[calls];
      this.generation = new int[calls];
      this.busy = new boolean[calls];
      this.lifetimeS = lifetimeS;
      this.rate = rate;
    }

    void start() throws Exception {
      List<String> first = new ArrayList<>();
      long now = System.currentTimeMillis();
      for (int i = 0; i < rooms.length; i++) {
        rooms[i] = "soak-" + i + "-g0";
        // the first generation ends spread over one lifetime: a steady churn from the start
        endsAt[i] = now + ThreadLocalRandom.current().nextLong(lifetimeS * 1000L);
        first.add(rooms[i]);
      }
      load.each(first, 32, load::start);
      started.addAndGet(rooms.length);
      vertx.runOnContext(v -> {
        timer = vertx.setPeriodic(100, id -> tick());
        double perMs = rooms.length * rate / 1000.0;
        long t0 = System.nanoTime();
        long[] due = {0};
        lines = vertx.setPeriodic(20, id -> {
          long target = (long) ((System.nanoTime() - t0) / 1e6 * perMs);
          while (due[0] < target) {
            due[0]++;
            int slot = ThreadLocalRandom.current().nextInt(rooms.length);
            if (busy[slot]) {
              continue;
            }
            if (due[0] % DEBUG_EVERY == 0) {
              // agents send debug events too: their ring per room is a key class of its own
              load.post(rooms[slot], "debug", new JsonObject().put("kind", "soak").put("step", due[0]));
            } else {
              load.post(rooms[slot], "transcript", new JsonObject().put("role", "user").put("text", "soak line " + due[0]).put("final", true)
                  .put("segment_id", "s" + due[0]));
            }
          }
        });
      });
    }

    private void tick() {
      long now = System.currentTimeMillis();
      for (int i = 0; i < rooms.length; i++) {
        if (!busy[i] && endsAt[i] <= now) {
          int slot = i;
          busy[slot] = true;
          load.end(rooms[slot]).compose(s -> {
            ended.incrementAndGet();
            generation[slot]++;
            rooms[slot] = "soak-" + slot + "-g" + generation[slot];
            return load.start(rooms[slot]);
          }).onComplete(ar -> {
            started.incrementAndGet();
            endsAt[slot] = System.currentTimeMillis() + lifetimeS * 500L + ThreadLocalRandom.current().nextLong(lifetimeS * 1000L);
            busy[slot] = false;
          });
        }
      }
    }

    long live() {
      return started.get() - ended.get();
    }

    void stop() throws InterruptedException {
      vertx.runOnContext(v -> {
        vertx.cancelTimer(timer);
        vertx.cancelTimer(lines);
      });
      Thread.sleep(200);
    }
  }

  /** One ended-call TTL plus the longest call lifetime: after it every series should be level. */
  static long warmupS(int sampleS, int endedTtlS, int lifetimeS) {
    return Math.max(sampleS, endedTtlS + lifetimeS * 3L / 2);
  }

  static void write(Path out, List<SoakSample> samples, int minutes, int calls, double rate, int lifetimeS, int sampleS, long warmupS, boolean ok,
      String verdict, List<String> findings) throws Exception {
    Files.createDirectories(out);
    JsonArray arr = new JsonArray();
    samples.forEach(s -> arr.add(s.json()));
    JsonObject json = new JsonObject().put("at", Instant.now().toString()).put("minutes", minutes).put("calls", calls).put("rate_per_call", rate)
        .put("lifetime_s", lifetimeS).put("sample_s", sampleS).put("flat", ok).put("verdict", verdict)
        .put("findings", new JsonArray(new ArrayList<Object>(findings))).put("samples", arr);
    Files.writeString(out.resolve("soak.json"), json.encodePrettily() + "\n", StandardCharsets.UTF_8);
    StringBuilder md = new StringBuilder("# Soak (scripts/bench --soak)\n\n")
        .append(Instant.now()).append(" · ").append(minutes).append(" min · ").append(calls).append(" calls live at a time, each ending after ")
        .append(lifetimeS / 2).append("–").append(lifetimeS * 3 / 2).append(" s and replaced by a new one · ").append(rate)
        .append(" posts/s per call (one in ").append(Churn.DEBUG_EVERY).append(" a debug event, the others final lines) · sample every ").append(sampleS).append(" s · ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores, load average ").append(ChaosReport.loadAverage()).append("\n\n")
        .append(ok ? "**Flat**" : "**NOT FLAT**").append(": least-squares slope (Theil–Sen for open files) of each series over the samples after the ").append(warmupS)
        .append(" s warm-up, extrapolated over the run (allowed: 2 % of the mean plus 2 % of the live calls for Redis keys, 20 % + 8 MB for the ")
        .append("live heap, 5 % + 8 for open files; the :ended tombstones, kept 24 h by design, must each have a TTL):\n\n");
    findings.forEach(f -> md.append("- ").append(f).append('\n'));
    md.append('\n')
        .append("Redis keys are counted by SCAN (keys that exist); DBSIZE also counts keys whose TTL has passed but that Redis's active expiry ")
        .append("has not reclaimed yet (Redis lets up to ~10 % of the keys with a TTL linger that way, and the 24 h tombstones are most of them).\n\n")
        .append("| t (s) | heap after GC (MB) | of which live (MB) | open files | live calls | started | ended | posts failed | archive:pending ")
        .append("| DBSIZE | of which expired, not reclaimed (Redis's estimate) | DBSIZE besides tombstones (the figure soaks judged before) ")
        .append("| keys (SCAN) | :ended tombstones | keys besides tombstones | keys without TTL |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (SoakSample s : samples) {
      long noTtl = s.census().byClass().values().stream().mapToLong(KeyCensus.Count::noTtl).sum();
      md.append(String.format("| %d | %.1f | %.1f | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |%n", s.atS(), s.heapBytes() / 1e6,
          s.liveHeapBytes() / 1e6, s.openFiles(), s.live(), s.started(), s.ended(), s.failed(), s.census().archivePending(),
          s.census().redis().dbsize(), s.census().redis().staleEstimate(), s.census().redis().dbsize() - s.census().keys(KeyCensus.CALL_ENDED),
          s.census().total(), s.census().keys(KeyCensus.CALL_ENDED), s.keysBesidesTombstones(), noTtl));
    }
    java.util.TreeSet<String> classes = new java.util.TreeSet<>();
    samples.forEach(s -> classes.addAll(s.census().byClass().keySet()));
    md.append("\nRedis keys by class (keys / of which without a TTL); `call` = the `call:<room>` hash, the others its suffix or prefix ")
        .append("(modules/contract RedisKeys)\n\n| t (s) | live calls | ended calls still in Redis | of which not archived yet |");
    classes.forEach(c -> md.append(' ').append(c).append(" |"));
    md.append("\n|---|---|---|---|").append("---|".repeat(classes.size())).append('\n');
    for (SoakSample s : samples) {
      md.append("| ").append(s.atS()).append(" | ").append(s.census().liveCalls()).append(" | ").append(s.census().endedCalls()).append(" | ")
          .append(s.census().unarchivedEndedCalls()).append(" |");
      classes.forEach(c -> md.append(' ').append(s.census().keys(c)).append(" / ").append(s.census().noTtl(c)).append(" |"));
      md.append('\n');
    }
    Files.writeString(out.resolve("soak.md"), md.toString(), StandardCharsets.UTF_8);
  }
}
