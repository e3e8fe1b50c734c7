package io.switchboard.bench;

import io.switchboard.app.BenchNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpClient;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP load generator (its own JVM, started by {@link IngestBench}): {@code connections}
 * keep-alive connections, each with one request in flight at a time, POSTing transcript events
 * for {@code rooms} rooms to {@code path} for {@code seconds} after a warm-up. Prints one JSON line
 * {@code RESULT {...}}: requests/s, errors, latency percentiles.
 *
 * <pre>LoadGenMain port path connections seconds warmupSeconds rooms prefix</pre>
 */
public final class LoadGenMain {
  private LoadGenMain() {}

  public static void main(String[] a) throws Exception {
    int port = Integer.parseInt(a[0]);
    String path = a[1];
    int connections = Integer.parseInt(a[2]);
    int seconds = Integer.parseInt(a[3]);
    int warmup = Integer.parseInt(a[4]);
    int rooms = Integer.parseInt(a[5]);
    String prefix = a[6];
    Vertx vertx = Vertx.vertx();
    HttpClient http = vertx.createHttpClient(
        new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(connections));
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicBoolean recording = new AtomicBoolean(false);
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong seq = new AtomicLong();
    Stats latency = new Stats();
    CountDownLatch stopped = new CountDownLatch(connections);
    String[] lastError = {null};
    for (int c = 0; c < connections; c++) {
      Runnable[] loop = new Runnable[1];
      loop[0] = () -> {
        if (!running.get()) {
          stopped.countDown();
          return;
        }
        long n = seq.incrementAndGet();
        String room = prefix + "-" + (n % rooms);
        Buffer body = new JsonObject()
            .put("room_name", room)
            .put("session_id", "s-" + room)
            .put("event_type", "transcript")
            .put("data", new JsonObject().put("role", "agent").put("text", "load line " + n).put("final", true))
            .toBuffer();
        long t0 = System.nanoTime();
        http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI(path)
                .putHeader("Content-Type", "application/json").putHeader("X-API-Key", BenchNode.AGENT_KEY))
            .compose(req -> req.send(body))
            .compose(resp -> resp.body().map(b -> resp.statusCode()))
            .onComplete(ar -> {
              boolean good = ar.succeeded() && ar.result() / 100 == 2;
              if (recording.get()) {
                if (good) {
                  ok.incrementAndGet();
                  latency.add((System.nanoTime() - t0) / 1000);
                } else {
                  errors.incrementAndGet();
                  lastError[0] = ar.succeeded() ? "HTTP " + ar.result() : String.valueOf(ar.cause());
                }
              }
              loop[0].run();
            });
      };
      vertx.runOnContext(v -> loop[0].run());
    }
    Thread.sleep(warmup * 1000L);
    recording.set(true);
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    recording.set(false);
    double secs = (System.nanoTime() - t0) / 1e9;
    running.set(false);
    stopped.await(10, java.util.concurrent.TimeUnit.SECONDS);
    JsonObject out = latency.json()
        .put("requests_per_s", Stats.r(ok.get() / secs))
        .put("ok", ok.get())
        .put("errors", errors.get())
        .put("last_error", lastError[0])
        .put("connections", connections)
        .put("seconds", Stats.r(secs))
        .put("warmup_s", warmup);
    System.out.println("RESULT " + out.encode());
    System.out.flush();
    System.exit(0);
  }
}
