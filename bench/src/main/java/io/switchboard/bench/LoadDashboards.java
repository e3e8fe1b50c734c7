package io.switchboard.bench;

import io.switchboard.contract.Addresses;
import io.switchboard.testkit.BridgeClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load benchmark's dashboards: real SockJS bridge clients (testkit {@link BridgeClient}) in
 * the benchmark JVM, never the node's, logged in as the demo viewer (so viewer redaction runs as it
 * does for real viewers). Dashboard i watches one room and {@code calls.active}. Only events posted
 * in the recorded window count, whenever they arrive: the final lines each dashboard receives
 * (delivered / expected, duplicates), the latency post → delta from each line's (or interim's) mark,
 * and post → {@code calls.active} upsert from the upsert's {@code last_seq} (the seq the POST
 * reply gave; an upsert whose last_seq is a later annotation's is not sampled) or its interim's mark.
 */
final class LoadDashboards extends BridgeDashboards {
  final AtomicLong delivered = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  private CallLoad load;

  Future<Void> connect(Vertx vertx, int port, String token, int n, CallLoad load) {
    this.load = load;
    JsonObject headers = new JsonObject().put("authorization", "Bearer " + token);
    int calls = load.calls();
    for (int i = 0; i < n && calls > 0; i++) {
      load.watchers[(int) ((long) i * calls / n)]++;
    }
    return Agents.each(n, 25, i -> BridgeClient.connect(vertx, port, headers).compose(c -> {
      clients.add(c);
      Set<Long> seen = new HashSet<>();
      String room = load.room((int) ((long) i * calls / n));
      return Future.all(
          c.register(Addresses.CALLS_ACTIVE, this::onList),
          c.register(Addresses.call(room), d -> onRoom(d, seen)));
    }));
  }

  /** One client's handler runs on that client's context only: {@code seen} needs no lock. */
  private void onRoom(JsonObject delta, Set<Long> seen) {
    long now = Clock.micros();
    roomMessages.incrementAndGet();
    if (delta == null) {
      return;
    }
    JsonArray lines = delta.getJsonArray("lines");
    if (lines != null) {
      for (Object o : lines) {
        long[] m = CallLoad.parseMark(((JsonObject) o).getString("text"));
        if (m != null && load.inWindow(m[1])) {
          if (seen.add(m[1])) {
            delivered.incrementAndGet();
          } else {
            duplicates.incrementAndGet();
          }
          rooms.add(now - m[0]);
        }
      }
    }
    JsonObject fields = delta.getJsonObject("fields");
    if (fields != null && fields.getValue("interim") instanceof JsonObject interim) {
      long[] m = CallLoad.parseMark(interim.getString("text"));
      if (m != null && load.inWindow(m[1])) {
        rooms.add(now - m[0]);
      }
    }
  }

  private void onList(JsonObject delta) {
    long now = Clock.micros();
    listMessages.incrementAndGet();
    if (delta == null || delta.getJsonArray("upserts") == null) {
      return;
    }
    for (Object o : delta.getJsonArray("upserts")) {
      JsonObject u = (JsonObject) o;
      Long at = null;
      if (u.getValue("last_seq") instanceof Number seq) {
        at = load.postedAtSeq.get(u.getString("room") + "#" + seq.longValue());
      }
      if (at == null && u.getValue("interim") instanceof JsonObject interim) {
        long[] m = CallLoad.parseMark(interim.getString("text"));
        at = m == null || !load.inWindow(m[1]) ? null : m[0];
      }
      if (at != null) {
        list.add(now - at);
      }
    }
  }
}
