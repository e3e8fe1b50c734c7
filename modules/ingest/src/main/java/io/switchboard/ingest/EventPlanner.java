package io.switchboard.ingest;

import io.switchboard.contract.live.CallEvent;
import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.EventType;
import io.switchboard.contract.live.LogLine;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Maps a validated {@link CallEvent} to the Redis changes of the live-state model: which fields
 * change, which log line (if any) is appended, and whether the call starts or ends.
 */
final class EventPlanner {
  private static final int MAX_RAW_REASON = 128;

  private EventPlanner() {}

  static EventPlan plan(CallEvent event, EventType type, long now) {
    JsonObject d = event.data();
    long ts = event.ts() > 0 ? event.ts() : d.getValue("ts") instanceof Number n ? n.longValue() : now;
    EventPlan p = new EventPlan();
    p.eventId = event.eventId() == null ? "" : event.eventId();
    switch (type) {
      case CALL_STARTED -> {
        p.mayStart = true;
        copy(d, p, "agent", CallFields.AGENT);
        copy(d, p, "customer", CallFields.CUSTOMER);
        copy(d, p, "language", CallFields.LANGUAGE);
        copy(d, p, "room_sid", CallFields.ROOM_SID);
        copy(d, p, "supervision", CallFields.SUPERVISION);
        JsonObject meta = d.getJsonObject("metadata");
        if (meta != null && Boolean.TRUE.equals(meta.getValue("simulated"))) {
          p.set(CallFields.SIMULATED, "1");
        }
        p.lineKind = LogLine.KIND_LIFECYCLE;
        p.lineJson = lineJson(p, ts, new JsonObject().put("event", "started"));
        if (p.eventId.isEmpty()) {
          p.eventId = "started";
        }
      }
      case TRANSCRIPT -> {
        p.mayStart = true;
        String segment = d.getString("segment_id");
        boolean isFinal = d.getBoolean("final", true);
        if (isFinal) {
          JsonObject body = new JsonObject().put("role", d.getString("role")).put("text", d.getString("text"));
          if (segment != null) {
            body.put("segment_id", segment);
          }
          if (d.getString("language") != null) {
            body.put("language", d.getString("language"));
          }
          p.lineKind = LogLine.KIND_TRANSCRIPT;
          p.lineJson = lineJson(p, ts, body);
          p.set(CallFields.INTERIM, "");
          p.userFinal = "user".equals(d.getString("role"));
          if (p.eventId.isEmpty() && segment != null) {
            p.eventId = "seg:" + segment;
          }
        } else {
          JsonObject interim = new JsonObject().put("role", d.getString("role")).put("text", d.getString("text")).put("ts", ts);
          if (segment != null) {
            interim.put("segment_id", segment);
          }
          p.set(CallFields.INTERIM, interim.encode());
        }
      }
      case AGENT_STATE -> {
        p.mayStart = true;
        p.set(CallFields.AGENT_STATE, d.getString("state")).set(CallFields.AGENT_STATE_AT, String.valueOf(ts));
      }
      case METRICS -> {
        p.mayStart = true;
        p.set(CallFields.METRICS, d.copy().put("ts", ts).encode());
      }
      case TOOL_CALL -> {
        p.mayStart = true;
        JsonObject body = new JsonObject().put("name", d.getString("name"));
        for (String k : new String[] {"args", "result", "duration_ms"}) {
          if (d.containsKey(k)) {
            body.put(k, d.getValue(k));
          }
        }
        p.lineKind = LogLine.KIND_TOOL_CALL;
        p.lineJson = lineJson(p, ts, body);
      }
      case CALL_ENDED -> {
        String reason = endReason(d.getString("reason", "completed"));
        p.ends = true;
        p.set(CallFields.END_REASON, reason);
        if (reason.equals(CallFields.END_REASON_UNKNOWN)) {
          // an agent's own vocabulary must not keep the call live: end it, keep what it said
          String raw = d.getString("reason");
          p.set(CallFields.END_REASON_RAW, raw.length() > MAX_RAW_REASON ? raw.substring(0, MAX_RAW_REASON) : raw);
        }
        copy(d, p, "transfer_target", CallFields.TRANSFER_TARGET);
        p.set(CallFields.AGENT_STATE, "ended");
        p.expectedRoomSid = d.getString("room_sid", "");
        p.lineKind = LogLine.KIND_LIFECYCLE;
        p.lineJson = lineJson(p, ts, new JsonObject().put("event", "ended").put("reason", reason));
        if (p.eventId.isEmpty()) {
          p.eventId = "ended";
        }
      }
      case SENTIMENT -> planSentiment(p, d, ts);
      case PARTICIPANT -> {
        boolean joined = "joined".equals(d.getString("action"));
        String identity = d.getString("identity");
        if (joined) {
          p.add(CallFields.PARTICIPANTS, identity);
        } else {
          p.remove(CallFields.PARTICIPANTS, identity);
        }
        p.lineKind = LogLine.KIND_LIFECYCLE;
        p.lineJson =
            lineJson(p, ts, new JsonObject().put("event", joined ? "participant_joined" : "participant_left").put("identity", identity));
      }
      case SUPERVISOR -> planSupervisor(p, d, ts);
      case RULE_FIRED -> planRule(p, d, ts);
      case DEBUG -> throw new IllegalArgumentException("debug events are not stored");
    }
    return p;
  }

  /** A known end reason (case and surrounding blanks ignored), or {@code unknown}. */
  static String endReason(String raw) {
    String r = raw.trim().toLowerCase(Locale.ROOT);
    return CallFields.END_REASONS.contains(r) ? r : CallFields.END_REASON_UNKNOWN;
  }

  /** A sentiment annotation of line {@code seq}: from the agent, or from the sentiment verticle. */
  private static void planSentiment(EventPlan p, JsonObject d, long ts) {
    JsonObject sentiment =
        new JsonObject()
            .put("label", d.getString("label"))
            .put("score", d.getDouble("score", 0.0))
            .put("confidence", d.getDouble("confidence", 1.0))
            .put("source", d.getString("source", "agent"));
    JsonObject body = new JsonObject().put("ref", d.getLong("seq")).put("sentiment", sentiment);
    if (d.getJsonArray("new_escalations") != null) {
      body.put("new_escalations", d.getJsonArray("new_escalations"));
    }
    p.lineKind = LogLine.KIND_ANNOTATION;
    p.lineJson = lineJson(p, ts, body);
    JsonObject call = d.getJsonObject("call");
    if (call != null) {
      p.set(CallFields.SENTIMENT, call.getString("label", d.getString("label")));
      p.set(CallFields.SENTIMENT_SCORE, String.valueOf(call.getDouble("score", 0.0)));
      p.set(CallFields.SENTIMENT_STATE, call.encode());
      p.set(CallFields.ESCALATION, call.getJsonArray("escalations", new io.vertx.core.json.JsonArray()).encode());
    } else {
      p.set(CallFields.SENTIMENT, d.getString("label"));
      p.set(CallFields.SENTIMENT_SCORE, String.valueOf(d.getDouble("score", 0.0)));
    }
    if (p.eventId.isEmpty()) {
      p.eventId = "sentiment:" + d.getLong("seq");
    }
  }

  /** A rule fired (rules verticle): a rule line pointing at the triggering line, tags, suggestion. */
  private static void planRule(EventPlan p, JsonObject d, long ts) {
    JsonObject body = new JsonObject().put("ref", d.getLong("seq")).put("rule_id", d.getString("rule_id"));
    for (String k : new String[] {"rule_name", "severity", "message", "tags", "suggestion", "condition"}) {
      if (d.getValue(k) != null) {
        body.put(k, d.getValue(k));
      }
    }
    p.lineKind = LogLine.KIND_RULE;
    p.lineJson = lineJson(p, ts, body);
    io.vertx.core.json.JsonArray tags = d.getJsonArray("tags");
    if (tags != null) {
      tags.forEach(t -> p.add(CallFields.TAGS, String.valueOf(t)));
    }
    if (d.getString("suggestion") != null) {
      p.set(CallFields.SUGGESTION, new JsonObject()
          .put("text", d.getString("suggestion")).put("rule_id", d.getString("rule_id")).put("seq", d.getLong("seq")).put("ts", ts).encode());
    }
    if (p.eventId.isEmpty()) {
      p.eventId = "rule:" + d.getString("rule_id");
    }
  }

  private static void planSupervisor(EventPlan p, JsonObject d, long ts) {
    String action = d.getString("action");
    String by = d.getString("by");
    switch (action) {
      case "view" -> p.add(CallFields.VIEWERS, by);
      case "unview" -> p.remove(CallFields.VIEWERS, by);
      // audio_joined: LiveKit saw the supervisor's connection join (webhook), so they listen
      // whatever order that webhook and an earlier connection's participant_left arrive in
      case "listen", "audio_joined" -> p.add(CallFields.LISTENERS, by);
      case "unlisten" -> p.remove(CallFields.LISTENERS, by);
      case "takeover" -> p.set(CallFields.TAKEOVER_BY, by);
      case "handback" -> p.set(CallFields.TAKEOVER_BY, "");
      default -> {
        // guide, transfer, end: recorded as log lines only
      }
    }
    if (!action.equals("view") && !action.equals("unview") && !action.equals("unlisten") && !action.equals("audio_joined")) {
      JsonObject body = new JsonObject().put("action", action).put("by", by);
      if (d.getString("text") != null) {
        body.put("text", d.getString("text"));
      }
      if (d.getString("result") != null) {
        body.put("result", d.getString("result"));
      }
      p.lineKind = LogLine.KIND_SUPERVISOR;
      p.lineJson = lineJson(p, ts, body);
    }
  }

  private static void copy(JsonObject d, EventPlan p, String key, String field) {
    if (d.getValue(key) != null) {
      p.set(field, String.valueOf(d.getValue(key)));
    }
  }

  private static String lineJson(EventPlan p, long ts, JsonObject body) {
    JsonObject line = new JsonObject().put("kind", p.lineKind).put("ts", ts);
    body.forEach(e -> line.put(e.getKey(), e.getValue()));
    return line.encode();
  }
}
