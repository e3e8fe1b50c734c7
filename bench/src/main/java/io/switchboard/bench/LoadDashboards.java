package io.switchboard.bench;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.CallFields;
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
 * and post → {@code calls.active} upsert: for the watched rooms, every posted seq the upsert's
 * {@code last_seq} covers for the first time on that client (a line and its sentiment annotation
 * usually arrive as one upsert whose last_seq is the annotation's), or its interim's mark. An
 * upsert that changes more than routine fields (a label, an escalation: it goes at once) is a
 * {@code list} sample of its newest event (the older seqs it covers were held routine changes); one of routine fields only (held for the call's routine period by design,
 * docs/event-bus.md#calls-active-pacing) is a {@code listRoutine} sample.
 */
final class LoadDashboards extends BridgeDashboards {
  final AtomicLong delivered = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  final Stats listRoutine = new Stats();
  private CallLoad load;

  Future<Void> connect(Vertx vertx, int port, String token, int n, CallLoad load, BridgeClient.Transport transport) {
    this.load = load;
    JsonObject headers = new JsonObject().put("authorization", "Bearer " + token);
    int calls = load.calls();
    for (int i = 0; i < n && calls > 0; i++) {
      load.watchers[(int) ((long) i * calls / n)]++;
    }
    return Agents.each(n, 25, i -> BridgeClient.connect(vertx, port, headers, transport).compose(c -> {
      clients.add(c);
      Set<Long> seen = new HashSet<>();
      String room = load.room((int) ((long) i * calls / n));
      long[] listedUpTo = {-1};
      return Future.all(
          c.register(Addresses.CALLS_ACTIVE, d -> onList(d, room, listedUpTo)),
          c.register(Addresses.call(room), d -> onRoom(d, seen)))
          .onSuccess(registered -> c.parseOnly(text -> wanted(text, room)));
    }));
  }

  /**
   * Whether a client watching {@code room} needs to decode a message: anything but a
   * {@code calls.active} delta, and a delta that names the room (one in about forty at 5,000 calls;
   * the others are counted, not decoded, so the generator's 200 dashboards leave the cores to the
   * node). Room names are quoted JSON strings; "ld-7" does not match "ld-70".
   */
  private boolean wanted(String text, String room) {
    if (!text.contains(LIST_ADDRESS)) {
      return true;
    }
    listMessages.incrementAndGet();
    return text.contains("\"" + room + "\"");
  }

  private static final String LIST_ADDRESS = "\"" + Addresses.CALLS_ACTIVE + "\"";

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

  /**
   * Samples the upserts of this client's own room only: the client decodes just the deltas that name
   * its room ({@link #wanted}), so another watched room's upserts reach it only now and then, and its
   * last_seq then covers every seq since the last time — read as routine changes held for up to the
   * whole window (p99 16–21 s at 200 calls, session 11) where each call's own client saw ≈ 2 s.
   * {@code listedUpTo[0]}: the last_seq this client has sampled up to, -1 before its first (its
   * context only).
   */
  private void onList(JsonObject delta, String watched, long[] listedUpTo) {
    long now = Clock.micros();
    if (delta == null || delta.getJsonArray("upserts") == null) {
      return;
    }
    for (Object o : delta.getJsonArray("upserts")) {
      JsonObject u = (JsonObject) o;
      String room = u.getString("room");
      if (!watched.equals(room)) {
        continue;
      }
      boolean routine = CallFields.routineOnly(u);
      if (u.getValue("last_seq") instanceof Number seq) {
        long last = seq.longValue();
        long from = listedUpTo[0] < 0 ? last - 2 : listedUpTo[0];
        // newest first: a change sent at once is the newest event's (its line at last_seq, or
        // last_seq - 1 with its annotation at last_seq); the older seqs it covers are routine
        // changes it took along. A newest event whose POST reply has not reached the generator yet
        // gives no sample rather than an older event's wait.
        for (long s = last; s > from; s--) {
          Long posted = load.postedAtSeq.get(room + "#" + s);
          if (posted != null) {
            (routine || s < last - 1 ? listRoutine : list).add(now - posted);
          }
        }
        listedUpTo[0] = Math.max(from, last);
      }
      if (u.getValue("interim") instanceof JsonObject interim) {
        long[] m = CallLoad.parseMark(interim.getString("text"));
        if (m != null && load.inWindow(m[1])) {
          (routine ? listRoutine : list).add(now - m[0]);
        }
      }
    }
  }


  @Override
  JsonObject results(Mark since, double secs) {
    return super.results(since, secs).put("list_routine_latency", listRoutine.json());
  }
}
