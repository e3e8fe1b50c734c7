package io.switchboard.app;

import io.switchboard.contract.Addresses;
import io.switchboard.testkit.BridgeClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's view of {@code calls.active}: register and buffer, take {@code calls.snapshot},
 * then apply the buffered and later deltas in order (deltas are idempotent).
 */
final class CallListClient {
  private final BridgeClient bridge;
  private final Map<String, JsonObject> calls = new ConcurrentHashMap<>();
  private final List<JsonObject> buffered = new ArrayList<>();
  private volatile boolean live;

  CallListClient(BridgeClient bridge) {
    this.bridge = bridge;
  }

  Future<Void> join() {
    return bridge
        .register(Addresses.CALLS_ACTIVE, this::onDelta)
        .compose(v -> bridge.request(Addresses.CALLS_SNAPSHOT, new JsonObject()))
        .map(snapshot -> {
          synchronized (this) {
            calls.clear();
            snapshot.getJsonArray("calls").forEach(o -> {
              JsonObject c = (JsonObject) o;
              calls.put(c.getString("room"), c.copy());
            });
            buffered.forEach(this::apply);
            buffered.clear();
            live = true;
          }
          return null;
        });
  }

  Set<String> rooms() {
    return Set.copyOf(calls.keySet());
  }

  JsonObject call(String room) {
    return calls.get(room);
  }

  private synchronized void onDelta(JsonObject delta) {
    if (!live) {
      buffered.add(delta);
      return;
    }
    apply(delta);
  }

  private void apply(JsonObject delta) {
    delta.getJsonArray("upserts").forEach(o -> {
      JsonObject u = (JsonObject) o;
      calls.merge(u.getString("room"), u.copy(), (a, b) -> {
        if (!java.util.Objects.equals(a.getString("session_id"), b.getString("session_id"))) {
          return b;
        }
        return a.mergeIn(b);
      });
    });
    delta.getJsonArray("removed").forEach(r -> calls.remove((String) r));
  }
}
