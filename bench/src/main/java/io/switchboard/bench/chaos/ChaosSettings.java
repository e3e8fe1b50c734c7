package io.switchboard.bench.chaos;

import io.switchboard.bench.Args;
import java.util.List;

/** The knobs of a chaos run (the full size by default; {@code --ci}, {@code --calls} etc. override). */
final class ChaosSettings {
  int calls = 200;
  double rate = 1.0;
  int dashboards = 2;
  int roomsPerDashboard = 40;
  int churn = 10;
  long warmupMs = 3000;
  long afterMs = 3000;
  long redisOutageMs = 3000;
  long mongoOutageMs = 5000;
  List<String> scenarios = List.of("redis-embedded", "redis-external", "mongo", "cluster", "livekit");

  /**
   * The knobs of ChaosMain's command line: {@code --ci} (the scripts/test size), then
   * {@code --only LIST}, {@code --calls N}, {@code --rate R} and {@code --dashboards N} over it.
   */
  static ChaosSettings from(Args args) {
    ChaosSettings s = new ChaosSettings();
    if (args.flag("ci")) {
      s.ci();
    }
    s.scenarios = args.list("only", s.scenarios);
    s.calls = args.integer("calls", s.calls);
    s.rate = args.decimal("rate", s.rate);
    s.dashboards = args.integer("dashboards", s.dashboards);
    return s;
  }

  /**
   * The scripts/test size: the same load and assertions, shorter quiet phases, and the external
   * Redis left to the full run (RedisRestartTest covers an external Redis in mvn verify).
   */
  void ci() {
    scenarios = List.of("redis-embedded", "mongo", "cluster", "livekit");
    warmupMs = 2000;
    afterMs = 1500;
    mongoOutageMs = 3000;
  }
}
