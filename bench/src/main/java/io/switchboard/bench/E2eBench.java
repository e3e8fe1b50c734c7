package io.switchboard.bench;

import io.switchboard.app.BenchNode;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 2: agent event (post time) → delta received by SockJS bridge clients, with 1,000 and
 * 5,000 calls at ≈1 event/s each and 200 dashboards. Baselines in the same run: the same path
 * with a 1 ms debounce window, and the raw Redis HSET → keyspace notification latency.
 */
public final class E2eBench {
  private E2eBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    Report report = new Report("e2e", args.quick);
    List<Integer> scales = args.quick ? List.of(args.integer("calls", 1000, 1000)) : List.of(1000, 5000);
    int measure = args.integer("seconds", 20, 5);
    int warmup = args.integer("warmup", 4, 2);
    int clients = args.integer("clients", 200, 200);

    JsonObject raw = rawKeyspaceLatency(args.quick ? 500 : 2000);
    report.details().put("raw_hset_to_keyspace_notification", raw);
    System.out.println("raw HSET→notification: " + raw.encode());

    for (int calls : scales) {
      JsonObject w50 = once(calls, 50, clients, measure, warmup);
      JsonObject w1 = once(calls, 1, clients, measure, warmup);
      report.details().put("calls_" + calls + "_window_50ms", w50).put("calls_" + calls + "_window_1ms", w1);
      JsonObject r50 = w50.getJsonObject("room_latency");
      JsonObject r1 = w1.getJsonObject("room_latency");
      String at = calls + " calls, " + clients + " clients";
      double achieved = w50.getDouble("events_per_s", 0.0);
      String load = "events/s achieved " + achieved + " of " + w50.getDouble("events_target_per_s");
      report.row("e2e p50 call.<room> (" + at + ")", r50.getDouble("p50_ms"), "ms")
          .baseline("window 1 ms", r1.getDouble("p50_ms"))
          .target("≤ 70 ms", lte(r50.getDouble("p50_ms"), 70))
          .note(load);
      report.row("e2e p95 call.<room> (" + at + ")", r50.getDouble("p95_ms"), "ms").baseline("window 1 ms", r1.getDouble("p95_ms"));
      report.row("e2e p99 call.<room> (" + at + ")", r50.getDouble("p99_ms"), "ms")
          .baseline("window 1 ms", r1.getDouble("p99_ms"))
          .target("≤ 150 ms", lte(r50.getDouble("p99_ms"), 150));
      report.row("e2e p50 vs raw Redis notification (" + at + ")", r50.getDouble("p50_ms"), "ms")
          .baseline("raw HSET→keyspace notification p50", raw.getDouble("p50_ms"));
      JsonObject l50 = w50.getJsonObject("list_latency");
      JsonObject l1 = w1.getJsonObject("list_latency");
      report.row("e2e p50 calls.active (" + at + ")", l50.getDouble("p50_ms"), "ms").baseline("window 1 ms", l1.getDouble("p50_ms"));
      report.row("e2e p99 calls.active (" + at + ")", l50.getDouble("p99_ms"), "ms")
          .baseline("window 1 ms", l1.getDouble("p99_ms"))
          .target("≤ 150 ms", lte(l50.getDouble("p99_ms"), 150));
      if (achieved < 0.9 * w50.getDouble("events_target_per_s")) {
        report.bottleneck(String.format(
            "e2e at %d calls: the node took only %.0f of %.0f events/s (the generator skipped %d events with its in-flight cap full): the write path is saturated on this machine",
            calls, achieved, w50.getDouble("events_target_per_s"), w50.getLong("events_skipped")));
      }
    }
    report.write(args.out);
    System.exit(0);
  }

  static boolean lte(Double v, double limit) {
    return v != null && v <= limit;
  }

  static JsonObject once(int calls, int windowMs, int clients, int measure, int warmup) throws Exception {
    System.out.printf("e2e: %d calls, window %d ms, %d clients%n", calls, windowMs, clients);
    try (TestRedis redis = TestRedis.start()) {
      BenchNode node = BenchNode.start(BenchNode.baseConfig(redis.url(), "gateway,ingest,debouncer").put("debouncer.window.ms", windowMs)
          // the list's transport latency: no routine pacing (the load benchmark measures the paced list)
          .put("debouncer.list.routine.ms", 0));
      Vertx vertx = Vertx.vertx();
      try {
        LiveRun run = new LiveRun();
        run.calls = calls;
        run.clients = clients;
        run.measureS = measure;
        run.warmupS = warmup;
        return run.run(vertx, node.port()).put("window_ms", windowMs);
      } finally {
        vertx.close().await(10, TimeUnit.SECONDS);
        node.close();
      }
    }
  }

  /** Sequential HSET on one connection → keyspace notification on another (the Redis floor). */
  static JsonObject rawKeyspaceLatency(int n) throws Exception {
    try (TestRedis redis = TestRedis.start()) {
      Vertx vertx = Vertx.vertx();
      try {
        Redis client = Redis.createClient(vertx, redis.url());
        RedisAPI api = RedisAPI.api(client);
        RedisConnection sub = client.connect().await(5, TimeUnit.SECONDS);
        Stats stats = new Stats();
        long[] sentAt = {0};
        CompletableFuture<?>[] waiting = {null};
        sub.handler(r -> {
          if (r.size() >= 4 && "pmessage".equals(r.get(0).toString())) {
            stats.add(System.nanoTime() / 1000 - sentAt[0]);
            CompletableFuture<?> w = waiting[0];
            if (w != null) {
              w.complete(null);
            }
          }
        });
        sub.send(Request.cmd(Command.PSUBSCRIBE).arg("__keyspace@0__:raw:*")).await(5, TimeUnit.SECONDS);
        for (int i = 0; i < n + 100; i++) {
          CompletableFuture<Void> w = new CompletableFuture<>();
          waiting[0] = w;
          sentAt[0] = System.nanoTime() / 1000;
          api.hset(List.of("raw:1", "f", String.valueOf(i)));
          w.get(5, TimeUnit.SECONDS);
          if (i == 99) {
            stats.clear();
          }
        }
        client.close();
        return stats.json();
      } finally {
        vertx.close().await(10, TimeUnit.SECONDS);
      }
    }
  }
}
