package io.switchboard.bench;

import io.switchboard.testkit.BridgeClient;
import java.util.ArrayList;
import java.util.List;

/** The bridge clients one benchmark connected: counted, checked for errors, closed together. */
final class ClientPool implements AutoCloseable {
  private final List<BridgeClient> clients = new ArrayList<>();

  synchronized BridgeClient add(BridgeClient c) {
    clients.add(c);
    return c;
  }

  synchronized int size() {
    return clients.size();
  }

  synchronized int closedCount() {
    return (int) clients.stream().filter(BridgeClient::isClosed).count();
  }

  /** Characters received by all clients so far. */
  synchronized long charsReceived() {
    return clients.stream().mapToLong(BridgeClient::charsReceived).sum();
  }

  synchronized int errorCount() {
    return clients.stream().mapToInt(c -> c.errors().size()).sum();
  }

  @Override
  public synchronized void close() {
    for (BridgeClient c : clients) {
      try {
        c.close();
      } catch (RuntimeException ignored) {
        // already gone
      }
    }
    clients.clear();
  }
}
