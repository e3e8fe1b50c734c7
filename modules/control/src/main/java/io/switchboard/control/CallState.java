package io.switchboard.control;

import io.switchboard.contract.live.CallFields;
import java.util.Map;

/** The fields of a {@code call:<room>} hash that actions need (ingest owns the hash). */
record CallState(String room, String sessionId, String status, String roomSid, String agent, String takeoverBy, boolean simulated) {
  static CallState from(String room, Map<String, String> h) {
    return new CallState(
        room,
        blankToNull(h.get(CallFields.SESSION_ID)),
        h.getOrDefault(CallFields.STATUS, ""),
        blankToNull(h.get(CallFields.ROOM_SID)),
        blankToNull(h.get(CallFields.AGENT)),
        blankToNull(h.get(CallFields.TAKEOVER_BY)),
        "1".equals(h.get(CallFields.SIMULATED)));
  }

  boolean ended() {
    return "ended".equals(status);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
