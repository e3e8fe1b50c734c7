package io.switchboard.bench;

import io.switchboard.app.BenchNode;
import io.switchboard.contract.Addresses;
import io.switchboard.testkit.ArchiveCorpus;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Archive search latency: {@code GET /api/calls/search} over real HTTP on a node with the embedded
 * MongoDB-protocol server as {@code scripts/run} starts it ({@code mongo.embedded=file}, H2-backed),
 * after archiving the calls through the real {@code call.ended} path. One client, a mix of word,
 * prefix, filter-only and next-page searches. Baseline in the same run: {@code GET /api/me} (HTTP +
 * token check, no store). Writes bench/results/search.json and the README's search-bench block.
 */
public final class SearchBench {
  private SearchBench() {}

  static final String README_KEY = "search-bench";

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    Report report = new Report("search", args.quick);
    int calls = args.integer("calls", 2000, 1000);
    int rounds = args.integer("rounds", 30, 12);
    String store = args.string("store", "file");
    long t0Ms = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();
    Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "search-bench-");
    try (TestRedis redis = TestRedis.start()) {
      JsonObject config = BenchNode.baseConfig(redis.url(), "gateway,analytics").put("mongo.embedded", store).put("data.dir", data.toString());
      BenchNode node = BenchNode.start(config);
      Vertx vertx = Vertx.vertx();
      WebClient web = WebClient.create(vertx);
      try {
        List<ArchiveCorpus.Call> corpus = ArchiveCorpus.generate(calls, t0Ms, 30L * 24 * 3_600_000, 7);
        long seedStart = System.nanoTime();
        for (int i = 0; i < corpus.size(); i += 25) {
          List<Future<?>> batch = new ArrayList<>();
          for (ArchiveCorpus.Call c : corpus.subList(i, Math.min(corpus.size(), i + 25))) {
            batch.add(node.vertx().eventBus().request(Addresses.CALL_ENDED, c.body(), new DeliveryOptions().setSendTimeout(60_000)));
          }
          Future.all(batch).await(120, TimeUnit.SECONDS);
        }
        long seedMs = (System.nanoTime() - seedStart) / 1_000_000;
        System.out.printf("[search] archived %d calls in %d ms%n", calls, seedMs);
        String token = Dashboards.login(vertx, node.port());

        String from = Instant.ofEpochMilli(t0Ms + 7L * 24 * 3_600_000).toString();
        String to = Instant.ofEpochMilli(t0Ms + 14L * 24 * 3_600_000).toString();
        Map<String, String> mix = new LinkedHashMap<>();
        mix.put("rare word", "q=" + ArchiveCorpus.RARE);
        mix.put("two common words", "q=refund+card");
        mix.put("prefix", "q=tech*");
        mix.put("word + agent + language", "q=router&agent=agent-b&language=en");
        mix.put("sentiment + duration", "sentiment=negative&min_duration=120&max_duration=600");
        mix.put("date range", "from=" + from + "&to=" + to);
        mix.put("browse (no filter)", "");
        Stats all = new Stats();
        Map<String, Stats> byKind = new LinkedHashMap<>();
        mix.keySet().forEach(k -> byKind.put(k, new Stats()));
        Stats nextPage = new Stats();
        Stats baseline = new Stats();
        // warm-up: JIT, pools, the store's caches
        for (int i = 0; i < 3; i++) {
          for (String q : mix.values()) {
            get(web, node.port(), token, "/api/calls/search?limit=20&" + q);
          }
        }
        for (int round = 0; round < rounds; round++) {
          for (Map.Entry<String, String> e : mix.entrySet()) {
            long t = System.nanoTime();
            JsonObject page = get(web, node.port(), token, "/api/calls/search?limit=20&" + e.getValue());
            long us = (System.nanoTime() - t) / 1000;
            all.add(us);
            byKind.get(e.getKey()).add(us);
            String cursor = page.getString("next_cursor");
            if (cursor != null) {
              t = System.nanoTime();
              get(web, node.port(), token, "/api/calls/search?limit=20&" + e.getValue() + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
              us = (System.nanoTime() - t) / 1000;
              all.add(us);
              nextPage.add(us);
            }
            t = System.nanoTime();
            get(web, node.port(), token, "/api/me");
            baseline.add((System.nanoTime() - t) / 1000);
          }
        }
        String storeName = store.equals("file") ? "embedded H2-backed store (scripts/run's default)" : "embedded in-memory store";
        report.row("search p50, " + calls + " archived calls, " + storeName, all.pctMs(50), "ms")
            .baseline("GET /api/me p50", baseline.pctMs(50));
        report.row("search p95", all.pctMs(95), "ms").baseline("GET /api/me p95", baseline.pctMs(95)).target("≤ 300 ms", all.pctMs(95) <= 300);
        report.row("search p99", all.pctMs(99), "ms").baseline("GET /api/me p99", baseline.pctMs(99));
        JsonObject kinds = new JsonObject();
        byKind.forEach((k, s) -> kinds.put(k, s.json()));
        kinds.put("next page (cursor)", nextPage.json());
        report.details().put("calls", calls).put("store", store).put("rounds", rounds).put("seed_ms", seedMs).put("all", all.json())
            .put("by_query", kinds).put("baseline_api_me", baseline.json()).put("mode", get(web, node.port(), token, "/api/calls/search?limit=1").getString("mode"));
        byKind.forEach((k, s) -> System.out.printf("[search] %-26s p50 %6.1f  p95 %6.1f  p99 %6.1f ms%n", k, s.pctMs(50), s.pctMs(95), s.pctMs(99)));
        System.out.printf("[search] %-26s p50 %6.1f  p95 %6.1f  p99 %6.1f ms%n", "next page (cursor)", nextPage.pctMs(50), nextPage.pctMs(95), nextPage.pctMs(99));
        report.write(args.out);
        writeResults(args.out, report.details(), all, baseline, calls, storeName);
      } finally {
        web.close();
        vertx.close();
        node.close();
        deleteTree(data);
      }
    }
    System.exit(0);
  }

  private static JsonObject get(WebClient web, int port, String token, String path) throws Exception {
    var r = web.get(port, "127.0.0.1", path).putHeader("Authorization", "Bearer " + token).send().await(30, TimeUnit.SECONDS);
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " → " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  /** bench/results/search.json and the README block between {@code <!-- search-bench:begin/end -->}. */
  static void writeResults(Path out, JsonObject details, Stats all, Stats baseline, int calls, String storeName) throws IOException {
    JsonObject json = new JsonObject().put("benchmark", "search").put("at", Instant.now().toString())
        .put("cores", Runtime.getRuntime().availableProcessors()).put("details", details);
    String load = loadAverage();
    json.put("load_average_1m", load);
    Files.writeString(out.resolve("search.json"), json.encodePrettily() + "\n");
    StringBuilder md = new StringBuilder();
    md.append(String.format("Archive search (`scripts/bench --only search`, %s, %d calls archived through `call.ended`, `%s` mode, "
            + "one client over HTTP, %d requests, %d cores, load average %s from other work; `bench/results/search.json`):%n%n",
        storeName, calls, details.getString("mode"), all.count(), Runtime.getRuntime().availableProcessors(), load));
    md.append("| search | p50 | p95 | p99 |\n|---|---|---|---|\n");
    JsonObject kinds = details.getJsonObject("by_query");
    for (String k : kinds.fieldNames()) {
      JsonObject s = kinds.getJsonObject(k);
      md.append(String.format("| %s | %s ms | %s ms | %s ms |%n", k, s.getValue("p50_ms"), s.getValue("p95_ms"), s.getValue("p99_ms")));
    }
    md.append(String.format("| **all** (target p95 ≤ 300 ms: %s) | %s ms | %s ms | %s ms |%n", all.pctMs(95) <= 300 ? "met" : "**missed**",
        Stats.r(all.pctMs(50)), Stats.r(all.pctMs(95)), Stats.r(all.pctMs(99))));
    md.append(String.format("| baseline `GET /api/me` (same run) | %s ms | %s ms | %s ms |%n", Stats.r(baseline.pctMs(50)),
        Stats.r(baseline.pctMs(95)), Stats.r(baseline.pctMs(99))));
    Path readme = Path.of("README.md");
    if (Files.exists(readme)) {
      String text = Files.readString(readme);
      String begin = "<!-- " + README_KEY + ":begin -->\n";
      String end = "<!-- " + README_KEY + ":end -->";
      int b = text.indexOf(begin);
      int e = text.indexOf(end);
      if (b >= 0 && e > b) {
        Files.writeString(readme, text.substring(0, b + begin.length()) + md + text.substring(e));
      }
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
