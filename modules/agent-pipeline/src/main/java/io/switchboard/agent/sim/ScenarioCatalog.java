package io.switchboard.agent.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The scenarios the simulator picks from, loaded from {@code scenarios/index.json} (a list of file
 * names) on the classpath or, when {@code dir} is a directory on disk, from there — so new
 * scenarios are data, not code.
 */
public final class ScenarioCatalog {
  public static final String DEFAULT_DIR = "scenarios";

  private final List<Scenario> scenarios;

  public ScenarioCatalog(List<Scenario> scenarios) {
    if (scenarios.isEmpty()) {
      throw new IllegalArgumentException("no scenarios");
    }
    this.scenarios = List.copyOf(scenarios);
  }

  /** Loads every scenario in the index, keeping only {@code ids} when that list is not empty. */
  public static Future<ScenarioCatalog> load(Vertx vertx, String dir, List<String> ids) {
    return vertx
        .fileSystem()
        .readFile(dir + "/index.json")
        .compose(index -> {
          List<Future<Scenario>> loads = new ArrayList<>();
          for (Object file : new JsonArray(index)) {
            loads.add(vertx.fileSystem().readFile(dir + "/" + file).map(b -> Scenario.fromJson(new JsonObject(b))));
          }
          return Future.all(loads);
        })
        .map(all -> {
          List<Scenario> list = new ArrayList<>();
          for (int i = 0; i < all.size(); i++) {
            Scenario s = all.resultAt(i);
            if (ids.isEmpty() || ids.contains(s.id())) {
              list.add(s);
            }
          }
          return new ScenarioCatalog(list);
        });
  }

  public List<Scenario> scenarios() {
    return scenarios;
  }

  /** A weighted random pick. */
  public Scenario pick(Random random) {
    int total = scenarios.stream().mapToInt(Scenario::weight).sum();
    int r = random.nextInt(Math.max(1, total));
    for (Scenario s : scenarios) {
      r -= s.weight();
      if (r < 0) {
        return s;
      }
    }
    return scenarios.get(0);
  }
}
