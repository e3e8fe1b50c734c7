package io.switchboard.bench;

import io.switchboard.app.BenchNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A lightweight agent-event generator: {@code calls} rooms, each posting about {@code rate}
 * events/s to {@code POST /call-event}. Every transcript carries the post time as text
 * ({@code b:<epoch µs>}): three of four are interim (the {@code interim} field, which rides on
 * both the room delta and the {@code calls.active} upsert), one of four final (a log line).
 */
final class Agents implements AutoCloseable {
  static final String MARK = "b:";
  private final WebClient web;
  private final String prefix;
  private final int calls;
  private final AtomicLong seq = new AtomicLong();
  final AtomicLong posted = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong skipped = new AtomicLong();
  private final AtomicInteger inflight = new AtomicInteger();
  private final int maxInflight;
  private final Pacer pacer;
  private volatile String lastError;

  Agents(Vertx vertx, int port, String prefix, int calls, int connections) {
    this.pacer = new Pacer(vertx, 5);
    this.web =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true).setConnectTimeout(5000),
            new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    this.prefix = prefix;
    this.calls = calls;
    this.maxInflight = connections * 8;
  }

  String room(int i) {
    return prefix + "-" + i;
  }

  Future<HttpResponse<Buffer>> post(int call, String type, JsonObject data) {
    JsonObject body =
        new JsonObject().put("room_name", room(call)).put("session_id", "s-" + room(call)).put("event_type", type).put("data", data);
    return web.post("/call-event").putHeader("X-API-Key", BenchNode.AGENT_KEY).sendJsonObject(body).compose(r -> {
      if (r.statusCode() / 100 != 2) {
        return Future.failedFuture("HTTP " + r.statusCode() + " " + r.bodyAsString());
      }
      return Future.succeededFuture(r);
    });
  }

  /** Starts every call (bounded parallelism). */
  Future<Void> startCalls() {
    return each(calls, 64, i -> post(i, "call_started", new JsonObject().put("agent", "bench-bot").put("customer", "Customer " + i).put("language", "en")));
  }

  Future<Void> endCalls() {
    return each(calls, 64, i -> post(i, "call_ended", new JsonObject().put("reason", "completed")));
  }

  /** Posts events at {@code rate} per call per second until {@link #stop()}. */
  void run(double rate) {
    int[] next = {0};
    pacer.start(calls * rate, () -> {
      if (inflight.get() >= maxInflight) {
        skipped.incrementAndGet();
        return;
      }
      // spread the rooms: consecutive events go to different calls
      int call = next[0];
      next[0] = (next[0] + 1) % calls;
      sendOne(call);
    });
  }

  private void sendOne(int call) {
    long n = seq.incrementAndGet();
    boolean fin = n % 4 == 0;
    JsonObject data = new JsonObject().put("role", "agent").put("text", MARK + Clock.micros()).put("final", fin).put("segment_id", "g" + (n / 4));
    inflight.incrementAndGet();
    post(call, "transcript", data).onComplete(ar -> {
      inflight.decrementAndGet();
      if (ar.succeeded()) {
        posted.incrementAndGet();
      } else {
        failed.incrementAndGet();
        lastError = ar.cause().getMessage();
      }
    });
  }

  String lastError() {
    return lastError;
  }

  void stop() {
    pacer.stop();
  }

  /** Runs {@code task(0..n-1)} with at most {@code parallel} at once; fails on the first failure. */
  static Future<Void> each(int n, int parallel, IntFunction<Future<?>> task) {
    Promise<Void> done = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    if (n == 0) {
      return Future.succeededFuture();
    }
    Runnable[] pump = new Runnable[1];
    pump[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= n) {
        return;
      }
      task.apply(i).onComplete(ar -> {
        if (ar.failed()) {
          done.tryFail(ar.cause());
          return;
        }
        if (finished.incrementAndGet() == n) {
          done.tryComplete();
        } else {
          pump[0].run();
        }
      });
    };
    for (int i = 0; i < Math.min(parallel, n); i++) {
      pump[0].run();
    }
    return done.future();
  }

  /** Waits (caller thread, not an event loop) until no post is in flight, at most 10 s. */
  void drain() {
    long deadline = System.currentTimeMillis() + 10_000;
    while (inflight.get() > 0 && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    stop();
    drain();
    web.close();
  }
}
