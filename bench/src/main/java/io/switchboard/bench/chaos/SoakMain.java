package io.switchboard.bench.chaos;

import io.switchboard.testkit.FreePort;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
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
 * replaced by a new one, posting lines meanwhile. Every {@code sample-s} the node's heap after a
 * forced GC, Redis's key count (besides the by-design 24 h {@code :ended} tombstones) and the
 * node's open files are sampled; the run fails unless each stays flat (last third vs first
 * third of the samples after the first, within a tolerance).
 */
public final class SoakMain {
  private SoakMain() {}

  record Sample(long atS, long heapBytes, long keys, long tombstones, long openFiles, long live, long started, long ended, long failed) {
    JsonObject json() {
      return new JsonObject().put("at_s", atS).put("heap_bytes", heapBytes).put("redis_keys", keys).put("ended_tombstones", tombstones)
          .put("open_files", openFiles).put("live_calls", live).put("calls_started", started).put("calls_ended", ended).put("posts_failed", failed);
    }
  }

  public static void main(String[] argv) throws Exception {
    int minutes = 30;
    int calls = 1000;
    double rate = 0.2;
    int lifetimeS = 120;
    int sampleS = 60;
    int endedTtlS = 60;
    Path out = Path.of("bench", "results");
    for (int i = 0; i < argv.length; i++) {
      switch (argv[i]) {
        case "--minutes" -> minutes = Integer.parseInt(argv[++i]);
        case "--calls" -> calls = Integer.parseInt(argv[++i]);
        case "--rate" -> rate = Double.parseDouble(argv[++i]);
        case "--lifetime-s" -> lifetimeS = Integer.parseInt(argv[++i]);
        case "--sample-s" -> sampleS = Integer.parseInt(argv[++i]);
        case "--ended-ttl-s" -> endedTtlS = Integer.parseInt(argv[++i]);
        case "--out" -> out = Path.of(argv[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + argv[i]);
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
    Path work = Path.of("bench", "target", "soak");
    Vertx vertx = Vertx.vertx();
    int http = FreePort.get();
    List<Sample> samples = new ArrayList<>();
    boolean ok;
    String verdict;
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
        Sample s = new Sample((System.currentTimeMillis() - t0) / 1000, heapAfterGc(node, hc, http), redis.dbsize().await(10, TimeUnit.SECONDS).toLong(),
            tombstones(redis), openFiles(node.pid()), churn.live(), churn.started.get(), churn.ended.get(), load.failed.get());
        samples.add(s);
        System.out.println("  soak sample: " + s.json().encode());
      }
      churn.stop();
      load.close();
      redisClient.close();
      long warmupS = Math.max(sampleS, endedTtlS + lifetimeS * 3L / 2);
      String[] v = verdict(samples, warmupS);
      ok = v[0].equals("ok");
      verdict = v[1];
      ok &= node.alive();
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    write(out, samples, minutes, calls, rate, lifetimeS, sampleS, ok, verdict);
    System.out.println("soak: " + (ok ? "flat" : "NOT FLAT") + " — " + verdict);
    System.exit(ok ? 0 : 1);
  }

  /**
   * [ok|fail, why]: the last third of the samples after the warm-up (the first {@code warmupS}: one
   * ended-call TTL plus the longest call lifetime, after which the key count is steady) against the first third.
   */
  static String[] verdict(List<Sample> all, long warmupS) {
    List<Sample> s = all.stream().filter(x -> x.atS() >= warmupS).toList();
    if (s.size() < 2) {
      return new String[] {"fail", "fewer than 2 samples after the " + warmupS + " s warm-up: run longer"};
    }
    int third = Math.max(1, s.size() / 3);
    List<Sample> first = s.subList(0, third);
    List<Sample> last = s.subList(s.size() - third, s.size());
    double heap0 = avg(first, Sample::heapBytes);
    double heap1 = avg(last, Sample::heapBytes);
    double keys0 = avg(first, x -> x.keys() - x.tombstones());
    double keys1 = avg(last, x -> x.keys() - x.tombstones());
    double fd0 = avg(first, Sample::openFiles);
    double fd1 = avg(last, Sample::openFiles);
    // tolerances: heap +25% +16 MB (GC noise, JIT), keys +10% +50 (calls in flight), files +10% +16 (pooled sockets)
    boolean heapOk = heap1 <= heap0 * 1.25 + 16e6;
    boolean keysOk = keys1 <= keys0 * 1.10 + 50;
    boolean fdOk = fd1 <= fd0 * 1.10 + 16;
    String why = String.format("samples after the " + warmupS + " s warm-up, first third vs last third: heap after GC %.1f → %.1f MB %s; Redis keys besides :ended tombstones %.0f → %.0f %s; open files %.0f → %.0f %s",
        heap0 / 1e6, heap1 / 1e6, heapOk ? "✔" : "✘ grew", keys0, keys1, keysOk ? "✔" : "✘ grew", fd0, fd1, fdOk ? "✔" : "✘ grew");
    return new String[] {heapOk && keysOk && fdOk ? "ok" : "fail", why};
  }

  private static double avg(List<Sample> s, java.util.function.ToLongFunction<Sample> f) {
    return s.stream().mapToLong(f).average().orElse(0);
  }

  /** jcmd GC.run on the node, then the heap in use from its Prometheus metrics. */
  static long heapAfterGc(ChaosNode node, HttpClient hc, int port) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (Files.isExecutable(jcmd)) {
      new ProcessBuilder(jcmd.toString(), String.valueOf(node.pid()), "GC.run").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
    }
    HttpResponse<String> r = hc.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    long sum = 0;
    for (String line : r.body().split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
        sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  static long tombstones(RedisAPI redis) throws Exception {
    long n = 0;
    String cursor = "0";
    do {
      Response r = redis.scan(List.of(cursor, "MATCH", "call:*:ended", "COUNT", "2000")).await(10, TimeUnit.SECONDS);
      cursor = r.get(0).toString();
      n += r.get(1).size();
    } while (!"0".equals(cursor));
    return n;
  }

  static long openFiles(long pid) {
    String[] fds = new File("/proc/" + pid + "/fd").list();
    return fds == null ? -1 : fds.length;
  }

  /** Keeps {@code calls} calls live: each ends after a random lifetime and a new one takes its slot. */
  static final class Churn {
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
            if (!busy[slot]) {
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

  static void write(Path out, List<Sample> samples, int minutes, int calls, double rate, int lifetimeS, int sampleS, boolean ok, String verdict)
      throws Exception {
    Files.createDirectories(out);
    JsonArray arr = new JsonArray();
    samples.forEach(s -> arr.add(s.json()));
    JsonObject json = new JsonObject().put("at", Instant.now().toString()).put("minutes", minutes).put("calls", calls).put("rate_per_call", rate)
        .put("lifetime_s", lifetimeS).put("sample_s", sampleS).put("flat", ok).put("verdict", verdict).put("samples", arr);
    Files.writeString(out.resolve("soak.json"), json.encodePrettily() + "\n", StandardCharsets.UTF_8);
    StringBuilder md = new StringBuilder("# Soak (scripts/bench --soak)\n\n")
        .append(Instant.now()).append(" · ").append(minutes).append(" min · ").append(calls).append(" calls live at a time, each ending after ")
        .append(lifetimeS / 2).append("–").append(lifetimeS * 3 / 2).append(" s and replaced by a new one · ").append(rate)
        .append(" lines/s per call · sample every ").append(sampleS).append(" s · ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores, load average ").append(ChaosReport.loadAverage()).append("\n\n")
        .append(ok ? "**Flat**: " : "**NOT FLAT**: ").append(verdict).append("\n\n")
        .append("| t (s) | heap after GC (MB) | Redis keys | of which :ended tombstones | open files | live calls | started | ended | posts failed |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    for (Sample s : samples) {
      md.append(String.format("| %d | %.1f | %d | %d | %d | %d | %d | %d | %d |%n", s.atS(), s.heapBytes() / 1e6, s.keys(), s.tombstones(), s.openFiles(),
          s.live(), s.started(), s.ended(), s.failed()));
    }
    Files.writeString(out.resolve("soak.md"), md.toString(), StandardCharsets.UTF_8);
  }
}
