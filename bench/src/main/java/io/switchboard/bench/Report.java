package io.switchboard.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The result of one benchmark: rows (figure, its same-run baseline, the ratio, the target and
 * whether it passed), free-form details and bottleneck notes. Written to
 * {@code <out>/parts/<name>.json}; {@link ReportMain} merges the parts into latest.md/json.
 */
final class Report {
  private final String name;
  private final JsonObject json;
  private final JsonArray rows = new JsonArray();
  private final JsonArray bottlenecks = new JsonArray();
  private final JsonObject details = new JsonObject();
  private final long startedNanos = System.nanoTime();

  Report(String name, boolean quick) {
    this.name = name;
    this.json = new JsonObject().put("benchmark", name).put("quick", quick).put("at", java.time.Instant.now().toString());
  }

  /**
   * One figure. ratio = value / baseline; pass = null when the figure has no target.
   *
   * @param higherIsBetter only affects how the Markdown reads the ratio, nothing else
   */
  Row row(String metric, Double value, String unit) {
    Row r = new Row(new JsonObject().put("benchmark", name).put("metric", metric).put("value", value).put("unit", unit));
    rows.add(r.j);
    System.out.printf("[%s] %s = %s %s%n", name, metric, value, unit);
    return r;
  }

  static final class Row {
    final JsonObject j;

    Row(JsonObject j) {
      this.j = j;
    }

    Row baseline(String what, Double value) {
      j.put("baseline", what).put("baseline_value", value);
      Double v = j.getDouble("value");
      if (v != null && value != null && value != 0) {
        j.put("ratio", Stats.r(v / value));
      }
      return this;
    }

    /** target text (e.g. "≤ 150 ms") and whether it is met; null value counts as a miss. */
    Row target(String text, boolean met) {
      j.put("target", text).put("pass", j.getValue("value") != null && met);
      return this;
    }

    Row note(String text) {
      j.put("note", text);
      return this;
    }
  }

  JsonObject details() {
    return details;
  }

  void bottleneck(String text) {
    bottlenecks.add(text);
    System.out.println("[" + name + "] bottleneck: " + text);
  }

  void write(Path outDir) {
    json.put("seconds", Stats.r((System.nanoTime() - startedNanos) / 1e9)).put("rows", rows).put("details", details).put("bottlenecks", bottlenecks);
    try {
      Path parts = outDir.resolve("parts");
      Files.createDirectories(parts);
      Files.writeString(parts.resolve(name + ".json"), json.encodePrettily());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
