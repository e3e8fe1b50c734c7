package io.switchboard.bench;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every benchmark's dashboards share: the bridge clients they connected, the latency samples
 * of room deltas and {@code calls.active} upserts, and the messages received of each kind. Each
 * subclass decides what its clients watch and which message is a sample.
 */
abstract class BridgeDashboards implements AutoCloseable {
  final Stats rooms = new Stats();
  final Stats list = new Stats();
  final AtomicLong roomMessages = new AtomicLong();
  final AtomicLong listMessages = new AtomicLong();
  final ClientPool clients = new ClientPool();

  /** The message counters at the start of a measured window. */
  record Mark(long roomMessages, long listMessages, long charsReceived) {}

  Mark mark() {
    return new Mark(roomMessages.get(), listMessages.get(), clients.charsReceived());
  }

  /** Latencies, messages per second since {@code since} over {@code secs}, and the sockets' health. */
  JsonObject results(Mark since, double secs) {
    return new JsonObject()
        .put("room_latency", rooms.json())
        .put("list_latency", list.json())
        .put("room_messages_per_s", Stats.r((roomMessages.get() - since.roomMessages()) / secs))
        .put("list_messages_per_s", Stats.r((listMessages.get() - since.listMessages()) / secs))
        // what the node wrote to all dashboards (bridge messages, ASCII JSON: characters ≈ bytes)
        .put("received_kb_per_s", Stats.r((clients.charsReceived() - since.charsReceived()) / secs / 1024))
        .put("clients_closed", closedCount())
        .put("bridge_errors", errorCount());
  }

  int size() {
    return clients.size();
  }

  int closedCount() {
    return clients.closedCount();
  }

  int errorCount() {
    return clients.errorCount();
  }

  @Override
  public void close() {
    clients.close();
  }
}
