package io.switchboard.bench;

import io.switchboard.testkit.BridgeClient;
import io.switchboard.app.BenchNode;
import io.switchboard.contract.Addresses;

import io.switchboard.testkit.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 4: a late-joining client fetches a call's complete 2,000-line history over the bridge
 * ({@code call.history}, paging until {@code hasMore} is false). Baselines in the same run: a
 * {@code calls.snapshot} round trip over the same bridge, and the same {@code call.history}
 * request on the node's event bus without the bridge.
 */
public final class LateJoinBench {
  private LateJoinBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    Report report = new Report("late-join", args.quick);
    int lines = args.integer("lines", 2000, 2000);
    int runs = args.integer("runs", 200, 60);
    try (TestRedis redis = TestRedis.start()) {
      BenchNode node = BenchNode.start(BenchNode.baseConfig(redis.url(), "gateway,ingest,debouncer"));
      Vertx vertx = Vertx.vertx();
      try (Agents agent = new Agents(vertx, node.port(), "lj", 1, 8)) {
        agent.startCalls().await(10, TimeUnit.SECONDS);
        Agents.each(lines, 8, i -> agent.post(0, "transcript", LateJoinProbe.historyLine(i)))
            .await(60, TimeUnit.SECONDS);
        String room = agent.room(0);
        long lastSeq = awaitLastSeq(vertx, redis.url(), room, lines + 1);
        String token = Dashboards.login(vertx, node.port());
        BridgeClient bridge = BridgeClient.connect(vertx, node.port(), new JsonObject().put("authorization", "Bearer " + token))
            .await(10, TimeUnit.SECONDS);
        Stats history = new Stats();
        Stats snapshot = new Stats();
        Stats bus = new Stats();
        int[] got = {0};
        int[] pages = {0};
        for (int i = 0; i < runs + 10; i++) {
          long t0 = System.nanoTime();
          pages[0] = 0;
          got[0] = fetchAll(bridge, room, 0, 0, pages).await(10, TimeUnit.SECONDS);
          long dt = (System.nanoTime() - t0) / 1000;
          if (got[0] < lines) {
            throw new IllegalStateException("history returned " + got[0] + " lines, expected ≥ " + lines);
          }
          t0 = System.nanoTime();
          bridge.request(Addresses.CALLS_SNAPSHOT, new JsonObject()).await(10, TimeUnit.SECONDS);
          long ds = (System.nanoTime() - t0) / 1000;
          t0 = System.nanoTime();
          Message<JsonObject> m = node.vertx().eventBus()
              .<JsonObject>request(Addresses.CALL_HISTORY, new JsonObject().put("room", room).put("afterSeq", 0).put("limit", 5000))
              .await(10, TimeUnit.SECONDS);
          long db = (System.nanoTime() - t0) / 1000;
          if (m.body().getJsonArray("lines").size() < lines) {
            throw new IllegalStateException("bus history short");
          }
          if (i >= 10) {
            history.add(dt);
            snapshot.add(ds);
            bus.add(db);
          }
        }
        bridge.close();
        report.details()
            .put("lines", got[0]).put("last_seq", lastSeq).put("pages", pages[0]).put("runs", runs)
            .put("history_over_bridge", history.json()).put("calls_snapshot_over_bridge", snapshot.json()).put("history_on_bus", bus.json());
        report.row("late join p50: complete " + lines + "-line history over the bridge", Stats.r(history.pctMs(50)), "ms")
            .baseline("calls.snapshot round trip p50 (bridge)", Stats.r(snapshot.pctMs(50)));
        report.row("late join p99: complete " + lines + "-line history over the bridge", Stats.r(history.pctMs(99)), "ms")
            .baseline("calls.snapshot round trip p99 (bridge)", Stats.r(snapshot.pctMs(99)))
            .target("≤ 50 ms", history.pctMs(99) <= 50);
        report.row("late join p99 vs the same request on the bus", Stats.r(history.pctMs(99)), "ms")
            .baseline("call.history on the event bus, no bridge, p99", Stats.r(bus.pctMs(99)));
      } finally {
        vertx.close().await(10, TimeUnit.SECONDS);
        node.close();
      }
    }
    report.write(args.out);
    System.exit(0);
  }

  /** Pages through call.history; resolves with the number of lines received. */
  static Future<Integer> fetchAll(BridgeClient bridge, String room, long after, int have, int[] pages) {
    return bridge.request(Addresses.CALL_HISTORY, new JsonObject().put("room", room).put("afterSeq", after).put("limit", 5000))
        .compose(reply -> {
          pages[0]++;
          int total = have + reply.getJsonArray("lines").size();
          if (reply.getBoolean("hasMore", false)) {
            return fetchAll(bridge, room, reply.getLong("lastSeq"), total, pages);
          }
          return Future.succeededFuture(total);
        });
  }

  static long awaitLastSeq(Vertx vertx, String url, String room, long atLeast) throws Exception {
    Redis client = Redis.createClient(vertx, url);
    try {
      long deadline = System.currentTimeMillis() + 30_000;
      long seq = 0;
      while (System.currentTimeMillis() < deadline) {
        Response r = RedisAPI.api(client).hget("call:" + room, "last_seq").await(5, TimeUnit.SECONDS);
        seq = r == null ? 0 : Long.parseLong(r.toString());
        if (seq >= atLeast) {
          return seq;
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("last_seq " + seq + " < " + atLeast);
    } finally {
      client.close();
    }
  }
}
