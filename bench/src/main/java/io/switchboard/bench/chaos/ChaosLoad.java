package io.switchboard.bench.chaos;

import io.switchboard.app.BenchNode;
import io.switchboard.bench.Pacer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The steady agent load of every scenario: {@code calls} calls, each posting final transcript
 * lines ({@code POST /call-event}, 5 s client timeout like the seed's agent) at {@code rate}
 * lines/s. Every line has a unique text; the texts that got a 2xx are kept per room, so a
 * scenario can check afterwards that each one is in the room's history. Every answer is recorded
 * with its latency, so a scenario can read the failures of its outage window.
 */
final class ChaosLoad implements AutoCloseable {
  static final int CLIENT_TIMEOUT_MS = 5000;

  /** One answered (or timed-out, status -1) post: when it ended, how long it took. */
  record Outcome(long endMs, long latencyMs, int status) {}

  private final Vertx vertx;
  private final WebClient web;
  final String prefix;
  final int calls;
  private final Map<String, Set<String>> acked = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> nextLine = new ConcurrentHashMap<>();
  final java.util.Queue<Outcome> outcomes = new java.util.concurrent.ConcurrentLinkedQueue<>();
  final AtomicLong ok = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong skipped = new AtomicLong();
  private final AtomicInteger inflight = new AtomicInteger();
  static final int MAX_INFLIGHT = 256;
  private final Pacer pacer;
  /** Off for a soak: a 30-minute run would hold every answer in memory. */
  volatile boolean recordOutcomes = true;
  /** Rooms whose agent stopped sending lines (their call ended). */
  final Set<String> quiet = ConcurrentHashMap.newKeySet();

  ChaosLoad(Vertx vertx, int port, String prefix, int calls) {
    this.vertx = vertx;
    this.pacer = new Pacer(vertx, 10);
    this.web = WebClient.create(vertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true).setConnectTimeout(2000)
            .setIdleTimeout(30),
        new PoolOptions().setHttp1MaxSize(48).setMaxWaitQueueSize(-1));
    this.prefix = prefix;
    this.calls = calls;
  }

  String room(int i) {
    return prefix + "-" + i;
  }

  static String session(String room) {
    return "s-" + room;
  }

  /** One post; completes with the HTTP status (-1 when the client gave up after 5 s or the connection failed). */
  Future<Integer> post(String room, String type, JsonObject data) {
    JsonObject body = new JsonObject().put("room_name", room).put("session_id", session(room)).put("event_type", type).put("data", data);
    long t0 = System.nanoTime();
    inflight.incrementAndGet();
    return web.post("/call-event").putHeader("X-API-Key", BenchNode.AGENT_KEY).timeout(CLIENT_TIMEOUT_MS).sendJsonObject(body)
        .map(HttpResponse::statusCode)
        .otherwise(-1)
        .onComplete(ar -> {
          inflight.decrementAndGet();
          int status = ar.result();
          if (recordOutcomes) outcomes.add(new Outcome(System.currentTimeMillis(), (System.nanoTime() - t0) / 1_000_000, status));
          if (status / 100 == 2) {
            ok.incrementAndGet();
          } else {
            failed.incrementAndGet();
          }
        });
  }

  /** Posts until a 2xx (an agent retrying through an outage), at most until {@code deadlineMs}. */
  Future<Integer> postUntilAccepted(String room, String type, JsonObject data, long deadlineMs) {
    return post(room, type, data).compose(status -> {
      if (status / 100 == 2 || System.currentTimeMillis() > deadlineMs) {
        return Future.succeededFuture(status);
      }
      Promise<Integer> p = Promise.promise();
      vertx.setTimer(100, t -> postUntilAccepted(room, type, data, deadlineMs).onComplete(p));
      return p.future();
    });
  }

  Future<Integer> start(String room) {
    return postUntilAccepted(room, "call_started",
        new JsonObject().put("agent", "chaos-bot").put("customer", "Customer " + room).put("language", "en"),
        System.currentTimeMillis() + 60_000);
  }

  Future<Integer> end(String room) {
    return postUntilAccepted(room, "call_ended", new JsonObject().put("reason", "completed"), System.currentTimeMillis() + 60_000);
  }

  /** Starts every call of the load (bounded parallelism); fails unless each got a 2xx. */
  void startAll() throws Exception {
    List<String> rooms = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      rooms.add(room(i));
    }
    each(rooms, 32, r -> start(r).compose(s -> s / 100 == 2 ? Future.succeededFuture() : Future.failedFuture(r + ": HTTP " + s)));
  }

  /** Runs {@code task} over {@code items}, {@code parallel} at a time, on the caller's thread (blocking). */
  void each(List<String> items, int parallel, java.util.function.Function<String, Future<?>> task) throws Exception {
    Promise<Void> done = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    if (items.isEmpty()) {
      return;
    }
    Runnable[] pump = new Runnable[1];
    pump[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= items.size()) {
        return;
      }
      task.apply(items.get(i)).onComplete(ar -> {
        if (ar.failed()) {
          done.tryFail(ar.cause());
        } else if (finished.incrementAndGet() == items.size()) {
          done.tryComplete();
        } else {
          pump[0].run();
        }
      });
    };
    vertx.runOnContext(v -> {
      for (int i = 0; i < Math.min(parallel, items.size()); i++) {
        pump[0].run();
      }
    });
    done.future().await(180, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Posts final transcript lines, {@code rate} per call per second, round robin over the calls, until {@link #stop()}. */
  void run(double rate) {
    int[] next = {0};
    pacer.start(calls * rate, () -> {
      if (inflight.get() >= MAX_INFLIGHT) {
        skipped.incrementAndGet();
        return;
      }
      String room = room(next[0]);
      next[0] = (next[0] + 1) % calls;
      if (!quiet.contains(room)) {
        line(room);
      }
    });
  }

  private void line(String room) {
    long n = nextLine.computeIfAbsent(room, r -> new AtomicLong()).incrementAndGet();
    String text = "chaos line " + room + " n" + n;
    post(room, "transcript", new JsonObject().put("role", "user").put("text", text).put("final", true).put("segment_id", "c" + n))
        .onSuccess(status -> {
          if (status / 100 == 2) {
            acked.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(text);
          }
        });
  }

  void stop() {
    pacer.stop();
  }

  /** Waits (caller thread) until nothing is in flight, at most {@code ms}. */
  void drain(long ms) throws InterruptedException {
    long deadline = System.currentTimeMillis() + ms;
    while (inflight.get() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
  }

  int inflight() {
    return inflight.get();
  }

  Map<String, Set<String>> acked() {
    return acked;
  }

  long ackedLines() {
    return acked.values().stream().mapToLong(Set::size).sum();
  }

  /** Outcomes that ended in [fromMs, toMs]. */
  List<Outcome> between(long fromMs, long toMs) {
    return outcomes.stream().filter(o -> o.endMs() >= fromMs && o.endMs() <= toMs).toList();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    drain(6000);
    web.close();
  }
}
