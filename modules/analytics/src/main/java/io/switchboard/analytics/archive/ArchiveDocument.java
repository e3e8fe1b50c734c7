package io.switchboard.analytics.archive;

import io.switchboard.analytics.search.SearchWords;
import io.switchboard.contract.SchemaVersion;
import io.switchboard.contract.live.ArchivedCall;
import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.LogLine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps a {@code call.ended} body to the one document per call stored in {@code calls}. The
 * document's {@code _id} is the call's identity ({@link #callId}), so a redelivered call replaces
 * itself while two calls that share a session id stay two documents. KPI inputs are
 * precomputed here (handle/talk time, normalised end reason, took_over, escalated) so KPI queries
 * are one {@code $match} + {@code $group} without per-call array work.
 */
public final class ArchiveDocument {
  private ArchiveDocument() {}

  public static final String COLLECTION = "calls";
  public static final String TRANSCRIPT = "transcript";
  /** started_at as epoch ms. */
  public static final String STARTED_MS = "started_ms";
  /** started_at floored to its UTC hour, epoch ms. */
  public static final String STARTED_HOUR_MS = "started_hour_ms";
  public static final long HOUR_MS = 3_600_000L;

  /** Validates the body; throws IllegalArgumentException with a message for a 400 reply. */
  public static ArchivedCall parse(JsonObject body) {
    if (body == null) {
      throw new IllegalArgumentException("body must be a JSON object");
    }
    Object fields = body.getValue("fields");
    Object lines = body.getValue("lines");
    if (fields != null && !(fields instanceof JsonObject)) {
      throw new IllegalArgumentException("fields: expected a JSON object");
    }
    if (lines != null && !(lines instanceof JsonArray)) {
      throw new IllegalArgumentException("lines: expected a JSON array");
    }
    ArchivedCall call = ArchivedCall.fromJson(body);
    if (!(body.getValue("session_id") instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException("session_id is required");
    }
    if (!(body.getValue("room") instanceof String r) || r.isBlank()) {
      throw new IllegalArgumentException("room is required");
    }
    return call;
  }

  /**
   * The identity of one call: {@code <room>|<session_id>|<started_at ms>}. Agents restart their
   * session counters, so a session id alone is not unique; neither is room + session once the
   * ended-session marker has expired. {@code started_at} is written once by ingest when the call
   * starts and travels unchanged in every redelivery, so the key is stable per call.
   */
  public static String callId(ArchivedCall call) {
    long started = Fields.epochMillis(call.fields().getValue(CallFields.STARTED_AT), -1);
    return call.room() + "|" + call.sessionId() + "|" + (started >= 0 ? Long.toString(started) : "");
  }

  public static JsonObject of(ArchivedCall call, long archivedAtMs) {
    JsonObject f = call.fields();
    List<JsonObject> lines = new ArrayList<>();
    for (Object o : call.lines()) {
      if (o instanceof JsonObject j) {
        lines.add(j);
      }
    }
    lines.sort(Comparator.comparingLong(LogLine::seq));

    long firstTs = lines.isEmpty() ? -1 : Fields.epochMillis(lines.get(0).getValue("ts"), -1);
    long lastTs = lines.isEmpty() ? -1 : Fields.epochMillis(lines.get(lines.size() - 1).getValue("ts"), -1);
    long endedRaw = Fields.epochMillis(f.getValue(CallFields.ENDED_AT), -1);
    long started = Fields.epochMillis(f.getValue(CallFields.STARTED_AT), firstTs >= 0 ? firstTs : endedRaw >= 0 ? endedRaw : archivedAtMs);
    long ended = endedRaw >= 0 ? endedRaw : Math.max(started, lastTs);
    ended = Math.max(ended, started);

    List<JsonObject> transcriptLines = ofKind(lines, LogLine.KIND_TRANSCRIPT);
    SupervisorActivity sup = SupervisorActivity.of(ofKind(lines, LogLine.KIND_SUPERVISOR), ended);
    JsonArray escalations = escalations(ofKind(lines, LogLine.KIND_ANNOTATION));
    JsonArray reasons = escalationReasons(f.getValue(CallFields.ESCALATION), escalations);
    JsonArray timeline = sentimentTimeline(ofKind(lines, LogLine.KIND_ANNOTATION));
    JsonArray firings = ruleFirings(ofKind(lines, LogLine.KIND_RULE));

    String label = Fields.text(f.getValue(CallFields.SENTIMENT));
    Double score = Fields.number(f.getValue(CallFields.SENTIMENT_SCORE));
    if (label == null && score == null && !timeline.isEmpty()) {
      // no call-level verdict in the hash: the last annotated utterance is the best we have
      JsonObject last = timeline.getJsonObject(timeline.size() - 1);
      label = last.getString("label");
      score = Fields.number(last.getValue("score"));
    }

    // ingest stores an unrecognised reason as "unknown" and keeps the sender's text beside it
    String rawReason = Fields.text(f.getValue(CallFields.END_REASON_RAW));
    if (rawReason == null) {
      rawReason = Fields.text(f.getValue(CallFields.END_REASON));
    }
    String reason = EndReason.normalise(rawReason, sup.ended());
    boolean escalated = !reasons.isEmpty() || !escalations.isEmpty();
    return new JsonObject()
        .put("_id", callId(call))
        .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
        .put("call_id", callId(call))
        .put("session_id", call.sessionId())
        .put("room", call.room())
        .put("room_sid", Fields.text(f.getValue(CallFields.ROOM_SID)))
        .put("agent", Fields.text(f.getValue(CallFields.AGENT)))
        .put("customer", Fields.text(f.getValue(CallFields.CUSTOMER)))
        .put("language", Fields.text(f.getValue(CallFields.LANGUAGE)))
        .put("started_at", Fields.date(started))
        .put("ended_at", Fields.date(ended))
        // numeric copies for cheap KPI grouping (see HourGrouping): date formatting per document
        // dominated the KPI pipeline's cost on the embedded server
        .put(STARTED_MS, started)
        .put(STARTED_HOUR_MS, started - Math.floorMod(started, HOUR_MS))
        .put("handle_time_ms", ended - started)
        .put("talk_time_ms", TalkTime.of(transcriptLines, started))
        .put("end_reason", reason)
        .put("end_reason_raw", rawReason)
        .put("transfer_target", Fields.text(f.getValue(CallFields.TRANSFER_TARGET)))
        .put("takeovers", sup.takeovers())
        .put("takeover_count", sup.takeovers().size())
        .put("took_over", !sup.takeovers().isEmpty())
        .put("guides", sup.guides())
        .put("guides_count", sup.guides().size())
        .put("sentiment", label)
        .put("sentiment_score", score)
        .put("sentiment_timeline", timeline)
        .put("escalations", escalations)
        .put("escalation_reasons", reasons)
        .put("escalated", escalated)
        .put("rule_firings", firings)
        .put("tags", tags(f.getValue(CallFields.TAGS), firings))
        .put(TRANSCRIPT, transcript(transcriptLines))
        // the distinct (redacted) words of the transcript, for archive search (SearchWords)
        .put(SearchWords.FIELD, SearchWords.of(transcript(transcriptLines)))
        .put("line_count", lines.size())
        .put("last_seq", lines.isEmpty() ? 0 : LogLine.seq(lines.get(lines.size() - 1)))
        .put("archived_at", Fields.date(archivedAtMs))
        // generated demo history (the simulator's, on an empty archive) stays recognisable: see docs/architecture.md#demo-data
        .put("demo", demo(f))
        .put(KpiInputs.field(KpiInputs.DEMO), demo(f) ? 1 : 0)
        .mergeIn(KpiInputs.of(reason, !sup.takeovers().isEmpty(), escalated, label, score));
  }

  private static boolean demo(JsonObject fields) {
    Object v = fields.getValue(CallFields.DEMO);
    return Boolean.TRUE.equals(v) || "1".equals(v) || "true".equals(v);
  }

  private static List<JsonObject> ofKind(List<JsonObject> lines, String kind) {
    return lines.stream().filter(l -> kind.equals(LogLine.kind(l))).toList();
  }

  private static JsonArray transcript(List<JsonObject> lines) {
    JsonArray out = new JsonArray();
    for (JsonObject l : lines) {
      out.add(new JsonObject()
          .put("seq", LogLine.seq(l))
          .put("ts", Fields.epochMillis(l.getValue("ts"), 0))
          .put("role", l.getString("role"))
          .put("text", l.getString("text"))
          .put("segment_id", l.getValue("segment_id"))
          .put("language", l.getValue("language")));
    }
    return out;
  }

  private static JsonArray sentimentTimeline(List<JsonObject> annotations) {
    JsonArray out = new JsonArray();
    for (JsonObject a : annotations) {
      JsonObject s = a.getValue("sentiment") instanceof JsonObject o ? o : a;
      out.add(new JsonObject()
          .put("seq", Fields.epochMillis(a.getValue("ref"), LogLine.seq(a)))
          .put("label", Fields.text(s.getValue("label")))
          .put("score", Fields.number(s.getValue("score")))
          .put("at", Fields.epochMillis(a.getValue("ts"), 0)));
    }
    return out;
  }

  /** Escalations raised by annotated utterances ({@code new_escalations} of annotation lines). */
  private static JsonArray escalations(List<JsonObject> annotations) {
    JsonArray out = new JsonArray();
    for (JsonObject l : annotations) {
      if (!(l.getValue("new_escalations") instanceof JsonArray raised) || raised.isEmpty()) {
        continue;
      }
      out.add(new JsonObject()
          .put("reasons", raised)
          .put("ref", l.getValue("ref"))
          .put("at", Fields.epochMillis(l.getValue("ts"), 0)));
    }
    return out;
  }

  /** Distinct reasons from the hash's escalation array and every escalation line. */
  private static JsonArray escalationReasons(Object fieldValue, JsonArray escalationLines) {
    Set<String> reasons = new LinkedHashSet<>();
    if (fieldValue instanceof JsonArray a) {
      a.forEach(r -> reasons.add(String.valueOf(r)));
    } else if (fieldValue instanceof String s && !s.isBlank() && !s.equals("[]")) {
      reasons.add(s);
    }
    for (Object o : escalationLines) {
      ((JsonObject) o).getJsonArray("reasons").forEach(r -> reasons.add(String.valueOf(r)));
    }
    return new JsonArray(new ArrayList<>(reasons));
  }

  /** Each rule firing: which rule, the seq of the line that fired it, when, what it said and did. */
  private static JsonArray ruleFirings(List<JsonObject> ruleLines) {
    JsonArray out = new JsonArray();
    for (JsonObject l : ruleLines) {
      JsonObject f = new JsonObject()
          .put("rule_id", l.getString("rule_id"))
          .put("seq", l.getValue("ref"))
          .put("line_seq", LogLine.seq(l))
          .put("at", Fields.date(Fields.epochMillis(l.getValue("ts"), 0)));
      for (String k : new String[] {"rule_name", "severity", "message", "tags", "suggestion", "condition"}) {
        if (l.getValue(k) != null) {
          f.put(k, l.getValue(k));
        }
      }
      if (l.getValue("rule_name") != null) {
        f.put("name", l.getValue("rule_name")); // what archive search matches a rule by (rule_firings.name)
      }
      out.add(f);
    }
    return out;
  }

  /** The call's tags: the hash's list (a JSON array or its text) and every firing's, in order, once. */
  private static JsonArray tags(Object fieldValue, JsonArray firings) {
    Set<String> tags = new LinkedHashSet<>();
    Object v = fieldValue;
    if (v instanceof String s && s.startsWith("[")) {
      try {
        v = new JsonArray(s);
      } catch (RuntimeException e) {
        v = null;
      }
    }
    if (v instanceof JsonArray a) {
      a.forEach(t -> tags.add(String.valueOf(t)));
    }
    for (Object o : firings) {
      JsonArray t = ((JsonObject) o).getJsonArray("tags");
      if (t != null) {
        t.forEach(x -> tags.add(String.valueOf(x)));
      }
    }
    return new JsonArray(new ArrayList<>(tags));
  }
}
