package io.switchboard.bench.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** bench/results/chaos.md + chaos.json, and the figures between README's chaos markers. */
final class ChaosReport {
  static final String BEGIN = "<!-- chaos:begin -->";
  static final String END = "<!-- chaos:end -->";

  private ChaosReport() {}

  static void write(Path out, Path readme, List<ScenarioResult> results, ChaosSettings cfg, double totalS) throws IOException {
    Files.createDirectories(out);
    String machine = Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
        + ", load average " + loadAverage();
    JsonArray arr = new JsonArray();
    results.forEach(r -> arr.add(r.json()));
    boolean ok = results.stream().allMatch(ScenarioResult::passed);
    JsonObject json = new JsonObject().put("at", Instant.now().toString()).put("machine", machine).put("passed", ok)
        .put("total_s", totalS).put("scenarios", arr);
    Files.writeString(out.resolve("chaos.json"), json.encodePrettily() + "\n", StandardCharsets.UTF_8);

    StringBuilder md = new StringBuilder();
    md.append("# Chaos run (scripts/chaos)\n\n")
        .append(Instant.now()).append(" · ").append(machine).append(" · ").append(totalS).append(" s · ")
        .append(ok ? "**every assertion passed**" : "**FAILED**").append("\n\n")
        .append("Every scenario runs the launcher jar on 127.0.0.1 under a steady load (").append(cfg.calls)
        .append(" calls posting final transcript lines over HTTP at ").append(cfg.rate).append(" line/s each, ")
        .append(cfg.dashboards).append(" dashboards over raw SockJS), injects its fault, and checks each line that got a 2xx ")
        .append("in the room's history afterwards.\n");
    for (ScenarioResult r : results) {
      md.append("\n## ").append(r.id).append(": ").append(r.title).append(" — ").append(r.passed() ? "passed" : "FAILED")
          .append(" (").append(r.seconds).append(" s)\n\n");
      if (r.error != null) {
        md.append("Error: `").append(r.error.replace('`', '\'')).append("`\n\n");
      }
      if (!r.figures.isEmpty()) {
        md.append("| figure | value |\n|---|---|\n");
        r.figures.forEach(f -> md.append("| ").append(cell(f.name())).append(" | ").append(cell(f.value())).append(" |\n"));
        md.append('\n');
      }
      r.checks.forEach(c -> md.append("- ").append(c.passed() ? "✔ " : "✘ ").append(c.name()).append(": ").append(c.detail()).append('\n'));
    }
    Files.writeString(out.resolve("chaos.md"), md.toString(), StandardCharsets.UTF_8);
    if (readme != null && Files.exists(readme)) {
      updateReadme(readme, results, ok, totalS);
    }
  }

  private static void updateReadme(Path readme, List<ScenarioResult> results, boolean ok, double totalS) throws IOException {
    String text = Files.readString(readme);
    int b = text.indexOf(BEGIN);
    int e = text.indexOf(END);
    if (b < 0 || e < b) {
      System.out.println("scripts/chaos: README has no " + BEGIN + " … " + END + " block; not updated");
      return;
    }
    StringBuilder s = new StringBuilder(BEGIN).append('\n');
    s.append("Last `scripts/chaos` run (").append(Instant.now().toString(), 0, 10).append(", ").append(totalS).append(" s, ")
        .append(ok ? "every assertion passed" : "**FAILED**").append("; written by the script, details in `bench/results/chaos.md`):\n\n");
    s.append("| fault | result | figures |\n|---|---|---|\n");
    for (ScenarioResult r : results) {
      StringBuilder f = new StringBuilder();
      r.figures.stream().filter(ScenarioResult.Figure::headline).forEach(x -> f.append(x.name()).append(": ").append(x.value()).append("; "));
      String failedChecks = r.checks.stream().filter(c -> !c.passed()).map(ScenarioResult.Check::name).reduce((a, b2) -> a + "; " + b2).orElse("");
      s.append("| ").append(cell(r.title)).append(" | ").append(r.passed() ? "survived ✔" : "**failed**: " + cell(r.error != null ? r.error : failedChecks)).append(" | ")
          .append(cell(f.toString().replaceAll("; $", ""))).append(" |\n");
    }
    s.append(END);
    Files.writeString(readme, text.substring(0, b) + s + text.substring(e + END.length()), StandardCharsets.UTF_8);
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }
}
