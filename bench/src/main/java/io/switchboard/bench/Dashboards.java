package io.switchboard.bench;

import io.switchboard.testkit.BridgeClient;
import io.switchboard.contract.Addresses;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Dashboard clients: real WebSocket clients of the SockJS bridge (testkit's {@link BridgeClient}),
 * logged in as the demo viewer. Each received {@code b:<µs>} mark is one latency sample
 * (receive time − post time), per address kind.
 */
final class Dashboards extends BridgeDashboards {
  private volatile boolean recording;

  static String login(Vertx vertx, int port) throws Exception {
    WebClient web = WebClient.create(vertx);
    try {
      var r = web.post(port, "127.0.0.1", "/auth/login")
          .sendJsonObject(new JsonObject().put("username", "viewer").put("password", "viewer-demo"))
          .await(20, TimeUnit.SECONDS);
      if (r.statusCode() != 200) {
        throw new IllegalStateException("login: " + r.statusCode() + " " + r.bodyAsString());
      }
      return r.bodyAsJsonObject().getString("token");
    } finally {
      web.close();
    }
  }

  /** Takes latency samples for {@code seconds} (the caller's thread sleeps meanwhile); the seconds measured. */
  double recordFor(int seconds) throws InterruptedException {
    recording = true;
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    recording = false;
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Connects n clients; client i watches {@code roomsPerClient} rooms and, when i < activeClients, calls.active. */
  Future<Void> connect(Vertx vertx, int port, String token, int n, int activeClients, int roomsPerClient, Agents agents, int calls) {
    JsonObject headers = new JsonObject().put("authorization", "Bearer " + token);
    return Agents.each(n, 25, i -> BridgeClient.connect(vertx, port, headers).compose(c -> {
      clients.add(c);
      List<Future<Void>> regs = new ArrayList<>();
      if (i < activeClients) {
        regs.add(c.register(Addresses.CALLS_ACTIVE, this::onList));
      }
      for (int k = 0; k < roomsPerClient && calls > 0; k++) {
        int call = (i * roomsPerClient + k) % calls;
        regs.add(c.register(Addresses.call(agents.room(call)), this::onRoom));
      }
      return Future.all(regs);
    }));
  }

  private void onRoom(JsonObject delta) {
    long now = Clock.micros();
    roomMessages.incrementAndGet();
    if (!recording || delta == null) {
      return;
    }
    JsonArray lines = delta.getJsonArray("lines");
    if (lines != null) {
      for (Object o : lines) {
        sample(rooms, now, ((JsonObject) o).getString("text"));
      }
    }
    JsonObject fields = delta.getJsonObject("fields");
    if (fields != null) {
      sample(rooms, now, interimText(fields.getValue("interim")));
    }
  }

  private void onList(JsonObject delta) {
    long now = Clock.micros();
    listMessages.incrementAndGet();
    if (!recording || delta == null) {
      return;
    }
    JsonArray upserts = delta.getJsonArray("upserts");
    if (upserts != null) {
      for (Object o : upserts) {
        sample(list, now, interimText(((JsonObject) o).getValue("interim")));
      }
    }
  }

  private static String interimText(Object interim) {
    if (interim instanceof JsonObject j) {
      return j.getString("text");
    }
    if (interim instanceof String s && s.startsWith("{")) {
      return new JsonObject(s).getString("text");
    }
    return null;
  }

  private static void sample(Stats stats, long now, String text) {
    if (text != null && text.startsWith(Agents.MARK)) {
      try {
        stats.add(now - Long.parseLong(text.substring(Agents.MARK.length())));
      } catch (NumberFormatException ignored) {
        // not ours
      }
    }
  }
}
