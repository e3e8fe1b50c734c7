package io.switchboard.bench.chaos;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The system under steady load that every scenario breaks: {@link ChaosLoad} (≥ 200 calls posting
 * lines) and two or more {@link ChaosDashboard}s over raw SockJS, each watching the call list and
 * its own slice of rooms; plus the judgement shared by the scenarios: convergence of the
 * dashboards to Redis, the quiescent end state and the 2xx lines checked against the histories.
 */
final class LoadRig implements AutoCloseable {
  final Vertx vertx;
  final ChaosLoad load;
  final Probe probe;
  final List<ChaosDashboard> dashboards = new ArrayList<>();
  private final String redisUrl;
  private final int port;
  String supervisorToken;

  LoadRig(Vertx vertx, int port, String redisUrl, String prefix, int calls) {
    this.vertx = vertx;
    this.port = port;
    this.redisUrl = redisUrl;
    this.load = new ChaosLoad(vertx, port, prefix, calls);
    this.probe = new Probe(vertx, port);
  }

  /** Starts the calls, connects {@code dashboards} dashboards watching {@code roomsEach} rooms each, starts the lines. */
  LoadRig start(int dashboardCount, int roomsEach, double rate) throws Exception {
    load.startAll();
    String viewer = probe.login("viewer");
    supervisorToken = probe.login("supervisor");
    for (int d = 0; d < dashboardCount; d++) {
      List<String> rooms = new ArrayList<>();
      for (int k = 0; k < roomsEach; k++) {
        rooms.add(load.room((d * roomsEach / 2 + k) % load.calls)); // slices overlap by half
      }
      dashboards.add(ChaosDashboard.connect(vertx, port, viewer, rooms));
    }
    load.run(rate);
    return this;
  }

  Set<String> watched() {
    Set<String> all = new HashSet<>();
    dashboards.forEach(d -> all.addAll(d.watched()));
    return all;
  }

  Probe.RedisState redisState() throws Exception {
    return Probe.redisState(vertx, redisUrl, watched());
  }

  /**
   * Milliseconds from {@code sinceMs} until every dashboard lists exactly Redis's active calls and
   * holds, gap-free, every line each watched room had in {@code target}; -1 after {@code timeoutMs}.
   */
  long awaitConverged(long sinceMs, Probe.RedisState target, long timeoutMs) throws Exception {
    long deadline = sinceMs + timeoutMs;
    listConvergedMs = -1;
    roomsConvergedMs = -1;
    while (System.currentTimeMillis() < deadline) {
      Set<String> active;
      try {
        active = Probe.redisState(vertx, redisUrl, Set.of()).active();
      } catch (Exception e) {
        Thread.sleep(50);
        continue;
      }
      long now = System.currentTimeMillis();
      boolean list = dashboards.stream().allMatch(d -> d.listedRooms().equals(active));
      boolean rooms = roomsReached(target);
      if (list && listConvergedMs < 0) {
        listConvergedMs = now - sinceMs;
      }
      if (rooms && roomsConvergedMs < 0) {
        roomsConvergedMs = now - sinceMs;
      }
      if (list && rooms) {
        return now - sinceMs;
      }
      Thread.sleep(50);
    }
    return -1;
  }

  /** Of the last {@link #awaitConverged}: when the call lists first equalled Redis, when every watched room first reached its target seq (-1: never). */
  long listConvergedMs = -1;
  long roomsConvergedMs = -1;

  String convergence() {
    return "call lists equal to active_calls after " + listConvergedMs + " ms, every watched room at its seq after " + roomsConvergedMs + " ms";
  }

  private boolean roomsReached(Probe.RedisState target) {
    for (ChaosDashboard d : dashboards) {
      for (String room : d.watched()) {
        if (d.held(room) < target.lastSeq().getOrDefault(room, 0L)) {
          return false;
        }
      }
    }
    return true;
  }

  /** What differs between the dashboards and Redis now (for a failure message). */
  String difference() throws Exception {
    Probe.RedisState now = redisState();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < dashboards.size(); i++) {
      ChaosDashboard d = dashboards.get(i);
      Set<String> extra = new HashSet<>(d.listedRooms());
      extra.removeAll(now.active());
      Set<String> missing = new HashSet<>(now.active());
      missing.removeAll(d.listedRooms());
      long behind = d.watched().stream().filter(r -> d.held(r) != now.lastSeq().getOrDefault(r, 0L)).count();
      sb.append("dashboard ").append(i).append(": list extra ").append(extra.size()).append(" missing ").append(missing.size())
          .append(", rooms not at Redis's seq ").append(behind).append("; ");
    }
    return sb.toString();
  }

  /**
   * Stops the load, waits for the quiescent end state (every dashboard equal to Redis: list and each
   * room's last seq), then checks every 2xx line against the room histories.
   */
  void finish(ScenarioResult r) throws Exception {
    load.stop();
    load.drain(6000);
    r.figure("agent posts of the steady load", load.ok.get() + " answered 2xx, " + load.failed.get() + " not, "
        + load.skipped.get() + " skipped (" + ChaosLoad.MAX_INFLIGHT + " already in flight), " + load.inflight() + " still in flight");
    long t0 = System.currentTimeMillis();
    Probe.RedisState end = redisState();
    long settle = awaitConverged(t0, end, 10_000);
    boolean exact = settle >= 0;
    if (exact) {
      Probe.RedisState again = redisState();
      for (ChaosDashboard d : dashboards) {
        for (String room : d.watched()) {
          exact &= d.held(room) == again.lastSeq().getOrDefault(room, 0L);
        }
      }
    }
    r.check("dashboards equal Redis at the end (call list and every watched room's last seq)", exact,
        exact ? "settled " + settle + " ms after the load stopped" : difference());
    long[] v = probe.verifyLines(supervisorToken, load.acked());
    r.headline("transcript lines that got a 2xx (each checked in its room's history)", v[2]);
    r.headline("2xx lines lost", v[0]);
    r.figure("2xx lines stored twice", v[1]);
    r.check("zero 2xx lines lost", v[0] == 0 && v[2] > 0, v[0] + " lost of " + v[2] + " checked");
    r.check("no 2xx line stored twice", v[1] == 0, v[1] + " stored twice");
    long dup = dashboards.stream().mapToLong(d -> d.duplicates.get()).sum();
    long gaps = dashboards.stream().mapToLong(d -> d.gapRepairs.get()).sum();
    r.headline("duplicate lines delivered to dashboards (dropped by seq)", dup);
    r.figure("gap repairs by the dashboards (history re-fetched)", gaps);
    long closed = dashboards.stream().filter(ChaosDashboard::closed).count();
    r.check("dashboards stayed connected", closed == 0, closed + " of " + dashboards.size() + " sockets closed");
  }

  @Override
  public void close() throws Exception {
    load.close();
    dashboards.forEach(ChaosDashboard::close);
    probe.close();
  }
}
