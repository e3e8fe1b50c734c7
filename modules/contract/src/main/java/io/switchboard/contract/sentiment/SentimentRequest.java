package io.switchboard.contract.sentiment;

import io.switchboard.contract.SchemaVersion;
import io.vertx.core.json.JsonObject;

/**
 * Body of {@code sentiment.analyze} (ingest → sentiment, request-reply): one final customer
 * utterance with the call's sentiment so far. Reply: {@link SentimentAnnotation}.
 *
 * @param room room name
 * @param sessionId call session
 * @param seq log seq of the utterance being annotated
 * @param text the utterance (never logged at INFO)
 * @param language BCP-47-ish language code when known (en, ms…), else null
 * @param agentLatencyMs the agent's last response latency when known (long waits escalate), else -1
 * @param prior call-level state before this utterance
 * @param agentText the agent's lines since the previous customer utterance when the sender knows
 *     them (an agent that keeps not understanding escalates), else null; never logged at INFO
 * @param agentToolErrors tool calls of the agent that failed since the previous customer utterance
 */
public record SentimentRequest(
    String room,
    String sessionId,
    long seq,
    String text,
    String language,
    long agentLatencyMs,
    CallSentimentState prior,
    String agentText,
    int agentToolErrors) {

  /** The original seven fields (no agent lines known). */
  public SentimentRequest(
      String room, String sessionId, long seq, String text, String language, long agentLatencyMs, CallSentimentState prior) {
    this(room, sessionId, seq, text, language, agentLatencyMs, prior, null, 0);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
        .put("room", room)
        .put("session_id", sessionId)
        .put("seq", seq)
        .put("text", text)
        .put("language", language)
        .put("agent_latency_ms", agentLatencyMs)
        .put("prior", prior.toJson())
        .put("agent_text", agentText)
        .put("agent_tool_errors", agentToolErrors);
  }

  public static SentimentRequest fromJson(JsonObject j) {
    return new SentimentRequest(
        j.getString("room"),
        j.getString("session_id"),
        j.getLong("seq", 0L),
        j.getString("text", ""),
        j.getString("language"),
        j.getLong("agent_latency_ms", -1L),
        CallSentimentState.fromJson(j.getJsonObject("prior")),
        j.getString("agent_text"),
        j.getInteger("agent_tool_errors", 0));
  }
}
