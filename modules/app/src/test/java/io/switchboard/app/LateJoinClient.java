package io.switchboard.app;

import io.switchboard.contract.Addresses;
import io.switchboard.testkit.BridgeClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The late-join protocol (docs/architecture.md#deltas-and-late-join) as a browser runs it: register on {@code call.<room>} and
 * buffer, fetch {@code call.history} (all pages), apply buffered deltas after {@code lastSeq},
 * and on a gap fetch history again from the held seq. Holds the seqs it applied, in order.
 */
final class LateJoinClient {
  private final BridgeClient bridge;
  private final String room;
  private final List<Long> seqs = new ArrayList<>();
  private final List<JsonObject> buffered = new ArrayList<>();
  private boolean live;
  private boolean fetching;
  private long held;
  int gapsRepaired;

  LateJoinClient(BridgeClient bridge, String room) {
    this.bridge = bridge;
    this.room = room;
  }

  Future<Void> join() {
    return bridge.register(Addresses.call(room), this::onDelta).compose(v -> fetchFrom(0)).onSuccess(v -> {
      live = true;
      List<JsonObject> pending = new ArrayList<>(buffered);
      buffered.clear();
      pending.forEach(this::apply);
    });
  }

  List<Long> seqs() {
    return seqs;
  }

  private Future<Void> fetchFrom(long afterSeq) {
    fetching = true;
    return bridge.request(Addresses.CALL_HISTORY, new JsonObject().put("room", room).put("afterSeq", afterSeq).put("limit", 50))
        .compose(reply -> {
          take(reply.getJsonArray("lines"));
          if (reply.getBoolean("hasMore")) {
            return fetchFrom(reply.getLong("lastSeq"));
          }
          fetching = false;
          return Future.succeededFuture();
        });
  }

  private void onDelta(JsonObject delta) {
    if (!live || fetching) {
      buffered.add(delta);
      return;
    }
    apply(delta);
  }

  private void apply(JsonObject delta) {
    if (delta.getLong("toSeq") <= held) {
      return;
    }
    if (delta.getLong("fromSeq") > held) {
      gapsRepaired++;
      live = false;
      fetchFrom(held).onSuccess(v -> {
        live = true;
        List<JsonObject> pending = new ArrayList<>(buffered);
        buffered.clear();
        pending.forEach(this::apply);
      });
      return;
    }
    take(delta.getJsonArray("lines"));
  }

  private void take(JsonArray lines) {
    for (Object o : lines) {
      long seq = ((JsonObject) o).getLong("seq");
      if (seq > held) {
        seqs.add(seq);
        held = seq;
      }
    }
  }
}
