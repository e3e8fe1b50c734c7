package io.switchboard.bench.chaos;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What a scenario reads to judge the system: logins, a room's whole history over the HTTP API
 * (as a supervisor: unredacted), the live state in Redis, and a {@code /health} poller that keeps
 * a timeline.
 */
final class Probe implements AutoCloseable {
  private final Vertx vertx;
  private final WebClient web;
  private final int port;

  Probe(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
    this.web = WebClient.create(vertx);
  }

  String login(String user) throws Exception {
    var r = web.post(port, "127.0.0.1", "/auth/login")
        .sendJsonObject(new JsonObject().put("username", user).put("password", user + "-demo"))
        .await(20, TimeUnit.SECONDS);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login " + user + ": " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("token");
  }

  /** Every line text of the room's history, in order (pages of 1,000). */
  List<String> historyTexts(String token, String room) throws Exception {
    List<String> texts = new ArrayList<>();
    long after = 0;
    for (int page = 0; page < 1000; page++) {
      var r = web.get(port, "127.0.0.1", "/api/calls/" + room + "/history?afterSeq=" + after + "&limit=1000")
          .bearerTokenAuthentication(token).send().await(20, TimeUnit.SECONDS);
      if (r.statusCode() != 200) {
        throw new IllegalStateException("history " + room + ": " + r.statusCode() + " " + r.bodyAsString());
      }
      JsonObject body = r.bodyAsJsonObject();
      JsonArray lines = body.getJsonArray("lines", new JsonArray());
      for (Object o : lines) {
        JsonObject l = (JsonObject) o;
        if (l.getString("text") != null) {
          texts.add(l.getString("text"));
        }
        after = Math.max(after, l.getLong("seq"));
      }
      if (!body.getBoolean("hasMore", false) || lines.isEmpty()) {
        return texts;
      }
    }
    return texts;
  }

  /** Checks every 2xx line of {@code acked} against the histories: [lost, stored twice, checked]. */
  long[] verifyLines(String token, Map<String, Set<String>> acked) throws Exception {
    long lost = 0;
    long doubled = 0;
    long checked = 0;
    for (Map.Entry<String, Set<String>> e : acked.entrySet()) {
      List<String> texts = historyTexts(token, e.getKey());
      Map<String, Integer> counts = new HashMap<>();
      texts.forEach(t -> counts.merge(t, 1, Integer::sum));
      for (String t : e.getValue()) {
        checked++;
        int n = counts.getOrDefault(t, 0);
        if (n == 0) {
          lost++;
          if (lost <= 5) {
            System.out.println("  LOST: " + e.getKey() + " '" + t + "'");
          }
        } else if (n > 1) {
          doubled++;
        }
      }
    }
    return new long[] {lost, doubled, checked};
  }

  /** Live state straight from Redis: the active rooms and each watched room's last seq. */
  record RedisState(Set<String> active, Map<String, Long> lastSeq) {}

  static RedisState redisState(Vertx vertx, String url, Set<String> rooms) throws Exception {
    Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url));
    try {
      RedisAPI api = RedisAPI.api(client);
      Set<String> active = new HashSet<>();
      for (Response r : api.zrange(List.of("active_calls", "0", "-1")).await(5, TimeUnit.SECONDS)) {
        active.add(r.toString());
      }
      Map<String, Long> seqs = new HashMap<>();
      for (String room : rooms) {
        Response r = api.hget("call:" + room, "last_seq").await(5, TimeUnit.SECONDS);
        seqs.put(room, r == null ? 0 : r.toLong());
      }
      return new RedisState(active, seqs);
    } finally {
      client.close();
    }
  }

  /** One {@code /health} answer in the timeline. */
  record HealthSample(long atMs, int status, boolean redisDown, String body) {}

  /** Polls {@code /health} every {@code periodMs} on a thread of its own until closed. */
  static final class HealthPoller implements AutoCloseable {
    final List<HealthSample> samples = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    HealthPoller(int port, long periodMs) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(2)).build();
      thread = new Thread(() -> {
        while (running) {
          ChaosNode.Health h = ChaosNode.health(http, port);
          samples.add(new HealthSample(System.currentTimeMillis(), h.status(), h.redisDown(), h.body()));
          try {
            Thread.sleep(periodMs);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "health-poller");
      thread.setDaemon(true);
      thread.start();
    }

    /** First sample at or after {@code fromMs} matching. */
    HealthSample first(long fromMs, java.util.function.Predicate<HealthSample> p) {
      return samples.stream().filter(s -> s.atMs() >= fromMs && p.test(s)).findFirst().orElse(null);
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.interrupt();
      thread.join(5000);
    }
  }

  @Override
  public void close() {
    web.close();
  }
}
