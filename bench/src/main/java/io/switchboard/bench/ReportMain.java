package io.switchboard.bench;

import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Merges {@code <out>/parts/*.json} (one per benchmark), {@code parts/status.txt} (exit code and
 * seconds of each, written by scripts/bench), {@code analytics-kpi.json} and a description of the
 * machine into {@code latest.json} and {@code latest.md}; prints the table.
 *
 * <pre>ReportMain --out bench/results --mode quick|full --load-start 1.23 --total-s 118</pre>
 */
public final class ReportMain {
  static final List<String> ORDER = List.of("ingest", "e2e", "load", "fanout", "late-join", "memory", "sentiment", "cluster", "search");

  private ReportMain() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    Path out = args.out;
    Path parts = out.resolve("parts");
    Map<String, String[]> status = new LinkedHashMap<>();
    if (Files.exists(parts.resolve("status.txt"))) {
      for (String line : Files.readAllLines(parts.resolve("status.txt"))) {
        String[] f = line.trim().split("\\s+", 3);
        if (f.length >= 2) {
          status.put(f[0], f);
        }
      }
    }
    JsonObject machine = machine(args.string("load-start", "?"));
    JsonArray rows = new JsonArray();
    JsonArray bottlenecks = new JsonArray();
    JsonObject benchmarks = new JsonObject();
    for (String name : ORDER) {
      Path p = parts.resolve(name + ".json");
      String[] st = status.get(name);
      if (Files.exists(p)) {
        JsonObject part = new JsonObject(Files.readString(p));
        benchmarks.put(name, part);
        part.getJsonArray("rows").forEach(rows::add);
        part.getJsonArray("bottlenecks").forEach(b -> bottlenecks.add(name + ": " + b));
      } else if (st != null) {
        String why = st.length > 2 ? st[2] : "exit " + st[1];
        rows.add(new JsonObject().put("benchmark", name).put("metric", "(did not complete: " + why + ")").put("pass", false));
      }
    }
    Path kpi = out.resolve("analytics-kpi.json");
    if (Files.exists(kpi)) {
      JsonObject k = new JsonObject(Files.readString(kpi));
      benchmarks.put("analytics-kpi", k);
      JsonObject worst = null;
      for (Object o : k.getJsonArray("queries", new JsonArray())) {
        JsonObject q = (JsonObject) o;
        if (worst == null || q.getDouble("p50_ms", 0.0) > worst.getDouble("p50_ms", 0.0)) {
          worst = q;
        }
      }
      if (worst != null) {
        JsonObject base = k.getJsonObject("baseline", new JsonObject());
        Double bv = base.getDouble("p50_ms");
        JsonObject row = new JsonObject().put("benchmark", "analytics-kpi")
            .put("metric", "slowest KPI query p50 (" + worst.getString("name") + ", " + k.getValue("calls_loaded") + " calls; from bench/analytics-kpi at " + k.getString("at") + ")")
            .put("value", worst.getDouble("p50_ms")).put("unit", "ms")
            .put("baseline", base.getString("name", "count(range)")).put("baseline_value", bv);
        if (bv != null && bv > 0) {
          row.put("ratio", Stats.r(worst.getDouble("p50_ms") / bv));
        }
        rows.add(row);
      }
    }
    String extra = Files.exists(Path.of("bench/BOTTLENECKS.md")) ? Files.readString(Path.of("bench/BOTTLENECKS.md")) : "";
    JsonObject report = new JsonObject()
        .put("at", Instant.now().toString())
        .put("mode", args.string("mode", "full"))
        .put("total_s", args.string("total-s", "?"))
        .put("machine", machine)
        .put("status", new JsonObject(statusJson(status)))
        .put("rows", rows)
        .put("bottlenecks", bottlenecks)
        .put("benchmarks", benchmarks);
    Files.writeString(out.resolve("latest.json"), report.encodePrettily());
    String md = markdown(report, extra);
    Files.writeString(out.resolve("latest.md"), md);
    System.out.println(table(rows));
    System.exit(0);
  }

  private static Map<String, Object> statusJson(Map<String, String[]> status) {
    Map<String, Object> m = new LinkedHashMap<>();
    status.forEach((k, v) -> m.put(k, String.join(" ", v).substring(k.length()).trim()));
    return m;
  }

  static JsonObject machine(String loadStart) throws Exception {
    JsonObject m = new JsonObject()
        .put("cores", Runtime.getRuntime().availableProcessors())
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"))
        .put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
        .put("load_average_at_start", loadStart);
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          m.put("cpu", line.substring(line.indexOf(':') + 1).trim());
          break;
        }
      }
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          m.put("memory_gib", Stats.r(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0));
        }
      }
      m.put("load_average_at_end", Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (Exception e) {
      // not Linux
    }
    try (TestRedis redis = TestRedis.start()) {
      Vertx vertx = Vertx.vertx();
      Redis client = Redis.createClient(vertx, redis.url());
      String info = RedisAPI.api(client).info(List.of("server")).await(5, TimeUnit.SECONDS).toString();
      for (String line : info.split("\r?\n")) {
        if (line.startsWith("redis_version:")) {
          m.put("redis", line.substring(14).trim() + " (embedded-redis, one per benchmark)");
        }
      }
      client.close();
      vertx.close().await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      m.put("redis", "unknown: " + e.getMessage());
    }
    try {
      Process p = new ProcessBuilder("redis-benchmark", "--version").redirectErrorStream(true).start();
      m.put("redis_benchmark", new String(p.getInputStream().readAllBytes()).trim());
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      m.put("redis_benchmark", "not installed");
    }
    return m;
  }

  static String fmt(Object v) {
    if (v == null) {
      return "–";
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return String.format("%,d", (long) d);
      }
      return String.valueOf(Stats.r(d));
    }
    return v.toString();
  }

  static String result(JsonObject r) {
    if (!r.containsKey("pass")) {
      return "";
    }
    return r.getBoolean("pass") ? "PASS" : "**MISS**";
  }

  static String table(JsonArray rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("| benchmark | figure | value | baseline (same run) | baseline value | ratio | target | result |\n");
    sb.append("|---|---|---|---|---|---|---|---|\n");
    for (Object o : rows) {
      JsonObject r = (JsonObject) o;
      String unit = r.getString("unit", "");
      sb.append("| ").append(r.getString("benchmark"))
          .append(" | ").append(r.getString("metric"))
          .append(" | ").append(fmt(r.getValue("value"))).append(unit.isEmpty() ? "" : " " + unit)
          .append(" | ").append(r.getString("baseline", "–"))
          .append(" | ").append(fmt(r.getValue("baseline_value")))
          .append(" | ").append(r.containsKey("ratio") ? fmt(r.getValue("ratio")) + "×" : "–")
          .append(" | ").append(r.getString("target", ""))
          .append(" | ").append(result(r))
          .append(" |\n");
    }
    return sb.toString();
  }

  static String markdown(JsonObject report, String extra) {
    JsonObject m = report.getJsonObject("machine");
    StringBuilder sb = new StringBuilder();
    sb.append("# Switchboard benchmark results\n\n");
    sb.append("Generated by `scripts/bench").append("quick".equals(report.getString("mode")) ? " --quick" : "").append("` at ")
        .append(report.getString("at")).append(" (").append(report.getString("total_s")).append(" s). Every figure is printed with a baseline measured in the same run; ratio = value / baseline.\n\n");
    sb.append("## Machine\n\n| | |\n|---|---|\n");
    for (String k : m.fieldNames()) {
      sb.append("| ").append(k).append(" | ").append(m.getValue(k)).append(" |\n");
    }
    sb.append("\n## Results\n\n").append(table(report.getJsonArray("rows")));
    JsonObject status = report.getJsonObject("status");
    if (!status.isEmpty()) {
      sb.append("\nRun status (exit code, seconds): ");
      status.forEach(e -> sb.append("`").append(e.getKey()).append("` ").append(e.getValue()).append("; "));
      sb.append("\n");
    }
    sb.append("\nNotes: each row's notes are in `latest.json` (`rows[].note`), the raw figures of every step under `benchmarks`.\n");
    for (Object o : report.getJsonArray("rows")) {
      JsonObject r = (JsonObject) o;
      if (r.getString("note") != null) {
        sb.append("- ").append(r.getString("metric")).append(": ").append(r.getString("note")).append("\n");
      }
    }
    sb.append("\n## Bottlenecks\n\n");
    JsonArray b = report.getJsonArray("bottlenecks");
    if (b.isEmpty()) {
      sb.append("No automatic bottleneck notes in this run.\n");
    }
    for (Object o : b) {
      sb.append("- ").append(o).append("\n");
    }
    if (!extra.isBlank()) {
      sb.append("\n").append(extra.strip()).append("\n");
    }
    return sb.toString();
  }
}
