package io.switchboard.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/**
 * One end-to-end measurement against a running gateway: start {@code calls} calls, connect the
 * dashboards, post ≈{@code rate} events/s per call, record latencies for {@code measureS} seconds
 * after a warm-up, stop. Runs on the caller's (non-event-loop) thread.
 */
final class LiveRun {
  int calls = 1000;
  double rate = 1.0;
  int clients = 200;
  int activeClients = 20;
  int roomsPerClient = 5;
  int warmupS = 3;
  int measureS = 10;
  int connections = 32;
  String prefix = "e2e";
  /** Processes whose CPU per event is reported (role → pid), e.g. the JVMs of a cluster. */
  java.util.Map<String, Long> processes = java.util.Map.of();
  /** Redis whose CPU per event is reported too (null: none). */
  io.vertx.redis.client.RedisAPI redis;

  JsonObject run(Vertx vertx, int port) throws Exception {
    try (Agents agents = new Agents(vertx, port, prefix, calls, connections);
        Dashboards dash = new Dashboards()) {
      long t0 = System.nanoTime();
      agents.startCalls().await(120, TimeUnit.SECONDS);
      double startS = (System.nanoTime() - t0) / 1e9;
      String token = Dashboards.login(vertx, port);
      dash.connect(vertx, port, token, clients, activeClients, roomsPerClient, agents, calls).await(120, TimeUnit.SECONDS);
      agents.run(rate);
      Thread.sleep(warmupS * 1000L);
      java.util.Map<String, Long> cpu0 = new java.util.HashMap<>();
      processes.forEach((role, pid) -> cpu0.put(role, ProcCpu.nanos(pid)));
      double redis0 = redis == null ? 0 : LoadBench.redisCpuSeconds(redis);
      long posted0 = agents.posted.get();
      long skipped0 = agents.skipped.get();
      BridgeDashboards.Mark since = dash.mark();
      double secs = dash.recordFor(measureS);
      long postedIn = agents.posted.get() - posted0;
      JsonObject cpuPerEvent = new JsonObject();
      processes.forEach((role, pid) -> cpuPerEvent.put(role, postedIn == 0 ? null : Stats.r((ProcCpu.nanos(pid) - cpu0.get(role)) / 1000.0 / postedIn)));
      if (redis != null && postedIn > 0) {
        cpuPerEvent.put("redis", Stats.r((LoadBench.redisCpuSeconds(redis) - redis0) * 1e6 / postedIn));
      }
      agents.stop();
      JsonObject out = new JsonObject()
          .put("calls", calls)
          .put("rate_per_call", rate)
          .put("clients", dash.size())
          .put("clients_on_calls_active", Math.min(activeClients, clients))
          .put("rooms_per_client", roomsPerClient)
          .put("measure_s", Stats.r(secs))
          .put("start_calls_s", Stats.r(startS))
          .put("events_per_s", Stats.r(postedIn / secs))
          .put("cpu_us_per_event", cpuPerEvent)
          .put("events_target_per_s", Stats.r(calls * rate))
          .put("events_skipped", agents.skipped.get() - skipped0)
          .put("post_failures", agents.failed.get())
          .put("last_post_error", agents.lastError())
          .mergeIn(dash.results(since, secs));
      System.out.println("  live run: " + out.encode());
      Thread.sleep(500);
      return out;
    }
  }
}
