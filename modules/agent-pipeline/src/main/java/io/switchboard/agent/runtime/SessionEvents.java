package io.switchboard.agent.runtime;

import io.switchboard.agent.events.EventSink;
import io.switchboard.contract.live.CallEvent;
import io.switchboard.contract.live.EventType;
import io.vertx.core.json.JsonObject;

/**
 * Builds one session's call events in the seed's wire shape (data per the contract's
 * {@code schemas/data/*.json}) and gives each an id {@code <session>:<n>} so ingest can drop
 * duplicates of retried sends.
 */
final class SessionEvents {
  private final EventSink sink;
  private final String room;
  private final String sessionId;
  private long seq;

  SessionEvents(EventSink sink, String room, String sessionId) {
    this.sink = sink;
    this.room = room;
    this.sessionId = sessionId;
  }

  void callStarted(SessionSpec spec) {
    JsonObject data = new JsonObject().put("agent", spec.agentName()).put("language", spec.language());
    if (spec.customer() != null) {
      data.put("customer", spec.customer());
    }
    if (spec.metadata() != null && !spec.metadata().isEmpty()) {
      data.put("metadata", spec.metadata());
    }
    send(EventType.CALL_STARTED, data);
  }

  void state(AgentState state) {
    send(EventType.AGENT_STATE, new JsonObject().put("state", state.wire()).put("ts", System.currentTimeMillis()));
  }

  void transcript(String role, String text, boolean isFinal, String segmentId, String language) {
    JsonObject data =
        new JsonObject().put("role", role).put("text", text).put("final", isFinal).put("segment_id", segmentId)
            .put("ts", System.currentTimeMillis());
    if (language != null) {
      data.put("language", language);
    }
    send(EventType.TRANSCRIPT, data);
  }

  void metrics(JsonObject timings) {
    send(EventType.METRICS, timings);
  }

  void toolCall(String name, JsonObject args, Object result, long durationMs) {
    send(EventType.TOOL_CALL,
        new JsonObject().put("name", name).put("args", args).put("result", result).put("duration_ms", durationMs));
  }

  /** Ephemeral detail for the supervisor's debug panel. */
  void debug(String kind, JsonObject detail) {
    send(EventType.DEBUG, detail.copy().put("kind", kind));
  }

  void callEnded(String reason, JsonObject extra) {
    send(EventType.CALL_ENDED, (extra == null ? new JsonObject() : extra.copy()).put("reason", reason));
  }

  private void send(EventType type, JsonObject data) {
    long now = System.currentTimeMillis();
    sink.emit(new CallEvent(room, sessionId, type.wire(), sessionId + ":" + (++seq), now, data));
  }
}
