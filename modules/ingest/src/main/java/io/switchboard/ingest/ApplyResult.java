package io.switchboard.ingest;

import io.vertx.redis.client.Response;

/**
 * Outcome of the apply-event script.
 *
 * @param status ok | duplicate | ended | no_call | sid_mismatch | gap | stale (see apply-event.lua)
 * @param sessionId the session the event was applied to
 * @param notes "created", "superseded:&lt;session&gt;", "parked:&lt;session&gt;", "annotated" markers
 * @param seq the call's last seq after the event (without its inline annotation, which is seq + 1)
 * @param sentimentState for a user final: the call's sentiment state JSON before it ("" if none)
 * @param metrics for a user final: the agent's last metrics JSON ("" if none)
 * @param language for a user final: the call's language ("" if unknown)
 */
record ApplyResult(
    String status, String sessionId, long seq, String notes, String sentimentState, String metrics, String language) {

  static ApplyResult from(Response r) {
    return new ApplyResult(
        r.get(0).toString(),
        r.get(1).toString(),
        Long.parseLong(r.get(2).toString()),
        r.get(3).toString(),
        r.size() > 4 && r.get(4) != null ? r.get(4).toString() : "",
        r.size() > 5 && r.get(5) != null ? r.get(5).toString() : "",
        r.size() > 6 && r.get(6) != null ? r.get(6).toString() : "");
  }

  boolean ok() {
    return "ok".equals(status);
  }

  /** An earlier send_seq of the session has not been applied yet; nothing changed. */
  boolean gap() {
    return "gap".equals(status);
  }

  /** The event's inline annotation was stored with it, as line {@code seq + 1}. */
  boolean annotated() {
    return notes.contains("annotated");
  }

  boolean created() {
    return notes.contains("created");
  }

  /** Sessions this event pushed out of the room (ended as superseded), to archive. */
  boolean endedAnother() {
    return notes.contains("superseded:") || notes.contains("parked:");
  }
}
