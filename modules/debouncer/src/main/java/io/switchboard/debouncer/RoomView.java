package io.switchboard.debouncer;

import io.vertx.core.json.JsonObject;

/** What this debouncer last published for one room: clients hold the same. */
final class RoomView {
  final String sessionId;
  long lastSeq;
  JsonObject fields = new JsonObject();
  boolean listed;

  RoomView(String sessionId, long lastSeq) {
    this.sessionId = sessionId;
    this.lastSeq = lastSeq;
  }
}
