package io.switchboard.debouncer;

import java.util.HashMap;
import java.util.Map;

/** What this debouncer last published for one room: clients hold the same. */
final class RoomView {
  final String sessionId;
  long lastSeq;
  /** The call hash as last read, Redis strings: compared before anything is decoded. */
  Map<String, String> fields = new HashMap<>();
  boolean listed;

  RoomView(String sessionId, long lastSeq) {
    this.sessionId = sessionId;
    this.lastSeq = lastSeq;
  }
}
