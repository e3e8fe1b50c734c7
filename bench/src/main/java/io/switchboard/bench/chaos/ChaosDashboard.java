package io.switchboard.bench.chaos;

import io.switchboard.contract.Addresses;
import io.switchboard.testkit.BridgeClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A dashboard as the browser runs it, over raw SockJS (testkit's {@link BridgeClient}): the call
 * list ({@code calls.active} deltas after a {@code calls.snapshot}) and the live transcript of some
 * rooms ({@code call.<room>} deltas after {@code call.history}, gap-free: a gap in seqs fetches the
 * history from the last seq held; lines at or below it are duplicates, counted and dropped).
 */
final class ChaosDashboard implements AutoCloseable {
  private final BridgeClient bridge;
  private final Map<String, JsonObject> calls = new ConcurrentHashMap<>();
  private final List<JsonObject> listBuffer = new ArrayList<>();
  private boolean listLive;
  private final Map<String, RoomView> rooms = new ConcurrentHashMap<>();
  final AtomicLong duplicates = new AtomicLong();
  final AtomicLong gapRepairs = new AtomicLong();
  final AtomicLong linesApplied = new AtomicLong();
  final AtomicLong deltas = new AtomicLong();
  final AtomicLong requestFailures = new AtomicLong();

  private ChaosDashboard(BridgeClient bridge) {
    this.bridge = bridge;
  }

  static ChaosDashboard connect(Vertx vertx, int port, String token, List<String> watched) throws Exception {
    BridgeClient b = BridgeClient.connect(vertx, port, new JsonObject().put("authorization", "Bearer " + token))
        .await(20, java.util.concurrent.TimeUnit.SECONDS);
    ChaosDashboard d = new ChaosDashboard(b);
    d.joinList().await(20, java.util.concurrent.TimeUnit.SECONDS);
    List<Future<Void>> joins = new ArrayList<>();
    for (String room : watched) {
      RoomView v = d.new RoomView(room);
      d.rooms.put(room, v);
      joins.add(v.join());
    }
    Future.all(joins).await(60, java.util.concurrent.TimeUnit.SECONDS);
    return d;
  }

  private Future<Void> joinList() {
    return bridge.register(Addresses.CALLS_ACTIVE, this::onListDelta)
        .compose(v -> bridge.request(Addresses.CALLS_SNAPSHOT, new JsonObject()))
        .map(snapshot -> {
          synchronized (this) {
            calls.clear();
            snapshot.getJsonArray("calls").forEach(o -> calls.put(((JsonObject) o).getString("room"), (JsonObject) o));
            listBuffer.forEach(this::applyList);
            listBuffer.clear();
            listLive = true;
          }
          return null;
        });
  }

  private synchronized void onListDelta(JsonObject delta) {
    deltas.incrementAndGet();
    if (!listLive) {
      listBuffer.add(delta);
    } else {
      applyList(delta);
    }
  }

  private void applyList(JsonObject delta) {
    JsonArray upserts = delta.getJsonArray("upserts", new JsonArray());
    upserts.forEach(o -> calls.put(((JsonObject) o).getString("room"), (JsonObject) o));
    delta.getJsonArray("removed", new JsonArray()).forEach(r -> calls.remove((String) r));
  }

  Set<String> listedRooms() {
    return Set.copyOf(calls.keySet());
  }

  Set<String> watched() {
    return rooms.keySet();
  }

  /** The last contiguous seq this dashboard holds for {@code room}. */
  long held(String room) {
    RoomView v = rooms.get(room);
    return v == null ? -1 : v.held();
  }

  boolean closed() {
    return bridge.isClosed();
  }

  int bridgeErrors() {
    return bridge.errors().size();
  }

  /** One room's transcript, gap-free by seq. */
  final class RoomView {
    private final String room;
    private final List<JsonObject> buffered = new ArrayList<>();
    private boolean live;
    private boolean fetching;
    private volatile long held;

    RoomView(String room) {
      this.room = room;
    }

    long held() {
      return held;
    }

    Future<Void> join() {
      return bridge.register(Addresses.call(room), this::onDelta).compose(v -> {
        synchronized (this) {
          fetching = true;
        }
        return fetch();
      });
    }

    /** Pages call.history after the held seq, then applies what arrived meanwhile. */
    private Future<Void> fetch() {
      return bridge.request(Addresses.CALL_HISTORY, new JsonObject().put("room", room).put("afterSeq", held).put("limit", 1000))
          .compose(reply -> {
            boolean more;
            synchronized (this) {
              take(reply.getJsonArray("lines", new JsonArray()), false);
              more = reply.getBoolean("hasMore", false);
            }
            if (more) {
              return fetch();
            }
            List<JsonObject> pending;
            synchronized (this) {
              fetching = false;
              live = true;
              pending = new ArrayList<>(buffered);
              buffered.clear();
            }
            pending.forEach(d -> handle(d, false));
            return Future.<Void>succeededFuture();
          })
          .recover(err -> {
            requestFailures.incrementAndGet();
            synchronized (this) {
              fetching = false; // the next delta's gap asks again
            }
            return Future.succeededFuture();
          });
    }

    private void onDelta(JsonObject delta) {
      deltas.incrementAndGet();
      handle(delta, true);
    }

    /** {@code sent}: the server sent it now (not a replay of what was buffered during a history fetch). */
    private void handle(JsonObject delta, boolean sent) {
      boolean gap;
      synchronized (this) {
        if (!live || fetching) {
          buffered.add(delta);
          return;
        }
        JsonArray lines = delta.getJsonArray("lines", new JsonArray());
        long from = delta.getLong("fromSeq", held);
        // a fields-only delta beyond the held seq is a gap too (docs/architecture.md#deltas-and-late-join): a debouncer
        // taking over a room's partition announces the room from its current seq, with no lines
        gap = from > held;
        if (!gap) {
          take(lines, sent);
          return;
        }
        gapRepairs.incrementAndGet();
        fetching = true;
        buffered.add(delta);
      }
      fetch();
    }

    /** {@code countDuplicates}: lines at or below the held seq were delivered twice by the server. */
    private void take(JsonArray lines, boolean countDuplicates) {
      for (Object o : lines) {
        long seq = ((JsonObject) o).getLong("seq");
        if (seq <= held) {
          if (countDuplicates) {
            duplicates.incrementAndGet();
          }
        } else {
          held = seq;
          linesApplied.incrementAndGet();
        }
      }
    }
  }

  @Override
  public void close() {
    bridge.close();
  }
}
