package io.switchboard.bench.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** What one scenario measured (figures) and asserted (checks); failed if any check failed or it threw. */
final class ScenarioResult {
  /** {@code headline}: also in README's chaos block (the rest is in bench/results/chaos.md). */
  record Figure(String name, String value, boolean headline) {}

  record Check(String name, boolean passed, String detail) {}

  final String id;
  final String title;
  final List<Figure> figures = new ArrayList<>();
  final List<Check> checks = new ArrayList<>();
  String error;
  double seconds;

  ScenarioResult(String id, String title) {
    this.id = id;
    this.title = title;
  }

  ScenarioResult figure(String name, Object value) {
    figures.add(new Figure(name, String.valueOf(value), false));
    return this;
  }

  ScenarioResult headline(String name, Object value) {
    figures.add(new Figure(name, String.valueOf(value), true));
    return this;
  }

  /** Records an assertion; prints it at once so a log shows progress. */
  boolean check(String name, boolean passed, String detail) {
    checks.add(new Check(name, passed, detail));
    System.out.println("  [" + (passed ? "ok" : "FAIL") + "] " + id + ": " + name + " — " + detail);
    return passed;
  }

  boolean passed() {
    return error == null && !checks.isEmpty() && checks.stream().allMatch(Check::passed);
  }

  JsonObject json() {
    JsonArray f = new JsonArray();
    figures.forEach(x -> f.add(new JsonObject().put("name", x.name()).put("value", x.value())));
    JsonArray c = new JsonArray();
    checks.forEach(x -> c.add(new JsonObject().put("name", x.name()).put("passed", x.passed()).put("detail", x.detail())));
    return new JsonObject().put("id", id).put("title", title).put("passed", passed()).put("seconds", seconds)
        .put("error", error).put("figures", f).put("checks", c);
  }
}
