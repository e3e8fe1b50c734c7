package io.switchboard.contract.live;

import io.switchboard.platform.config.Settings;
import io.switchboard.redaction.LiveRedaction;
import io.switchboard.redaction.RedactionConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.Supplier;

/**
 * CPU µs (this thread's CPU time, not wall time: contention barely moves it) of single stages of
 * the event path, for before/after figures of bench/BOTTLENECKS.md: JSON Schema validation with
 * and without the fast path, and the per-socket work of a bridge delivery (copy, viewer redaction,
 * encoding). Lives in the contract's package only to reach the validator-only verdict. Benchmarks only.
 *
 * <pre>StageCost [iterations]</pre>
 */
public final class StageCost {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private StageCost() {}

  public static void main(String[] a) {
    int n = a.length > 0 ? Integer.parseInt(a[0]) : 20_000;
    CallEventSchemas schemas = new CallEventSchemas();
    JsonObject hard = event("transcript", new JsonObject().put("role", "user").put("text", "b:x:y I have been waiting for twenty minutes and nobody can tell me where my order is").put("final", true));
    List<JsonObject> realistic = List.of(
        event("agent_state", new JsonObject().put("state", "listening")),
        event("transcript", new JsonObject().put("role", "user").put("text", "b:x:y I have").put("final", false).put("segment_id", "u1")),
        event("transcript", new JsonObject().put("role", "user").put("text", "b:x:y can you check the delivery address please").put("final", true).put("segment_id", "u1")),
        event("tool_call", new JsonObject().put("name", "lookup_order").put("args", new JsonObject().put("order", "A1")).put("result", new JsonObject().put("status", "shipped")).put("duration_ms", 42)),
        event("metrics", new JsonObject().put("stt_ms", 120).put("llm_ttft_ms", 310).put("e2e_ms", 640)));
    JsonObject out = new JsonObject();
    out.put("sentiment_analyze_hard_line", sentiment(n));
    out.put("schema_validator_hard_us", cost(n, () -> schemas.validatorProblem(hard)));
    out.put("schema_with_fast_path_hard_us", cost(n, () -> schemas.problem(hard)));
    int[] i = {0};
    out.put("schema_validator_realistic_us", cost(n, () -> schemas.validatorProblem(realistic.get(i[0]++ % realistic.size()))));
    out.put("schema_with_fast_path_realistic_us", cost(n, () -> schemas.problem(realistic.get(i[0]++ % realistic.size()))));

    // one calls.active delta of a 20 ms window at 2,000 events/s: ≈ 40 upserts
    JsonArray upserts = new JsonArray();
    for (int k = 0; k < 40; k++) {
      upserts.add(new JsonObject().put("room", "ld-" + k).put("session_id", "s-ld-" + k).put("last_seq", 100 + k).put("sentiment", "negative")
          .put("sentiment_score", -0.4).put("interim", new JsonObject().put("role", "user").put("text", "b:x:y I have").put("segment_id", "u1")));
    }
    JsonObject listDelta = new JsonObject().put("v", 1).put("upserts", upserts).put("removes", new JsonArray());
    JsonObject roomDelta = new JsonObject().put("v", 1).put("room", "ld-1").put("session_id", "s-ld-1").put("from_seq", 10).put("to_seq", 12)
        .put("lines", new JsonArray().add(new JsonObject().put("seq", 11).put("kind", "transcript").put("role", "user").put("text", "b:x:y I have been waiting for twenty minutes and nobody can tell me where my order is"))
            .add(new JsonObject().put("seq", 12).put("kind", "sentiment").put("label", "negative").put("score", -0.6)))
        .put("fields", new JsonObject().put("last_seq", 12).put("sentiment", "negative"));
    LiveRedaction redaction = new LiveRedaction(RedactionConfig.from(new Settings(new JsonObject())));
    out.put("bridge_per_socket_list_delta", perSocket(n / 10, listDelta, redaction));
    out.put("bridge_per_socket_room_delta", perSocket(n, roomDelta, redaction));
    System.out.println(out.encodePrettily());
  }

  private static JsonObject perSocket(int n, JsonObject body, LiveRedaction redaction) {
    return new JsonObject()
        .put("copy_us", cost(n, body::copy))
        .put("viewer_redaction_us", cost(n, () -> redaction.redact(body.copy())))
        .put("encode_frame_us", cost(n, () -> new JsonObject().put("type", "rec").put("address", "calls.active").put("body", body).encode()));
  }

  /** The sentiment verticle's work per customer line (model + call state + escalation rules), escalation cues before and after CueMatcher. */
  private static JsonObject sentiment(int n) {
    List<String> lines = List.of(
        "I have been waiting for twenty minutes and nobody can tell me where my order is", "thanks, that is really helpful",
        "no that is not what I asked, this is the third time I call about it", "can you check the delivery address please",
        "okay that works for me", "this is ridiculous, I want to cancel my subscription",
        "I'm not sure I understand the charge on my bill", "great, thank you so much for sorting that out");
    io.switchboard.sentiment.SentimentConfig cfg = new io.switchboard.sentiment.SentimentConfig("embedded", null, null, null, 1500);
    io.switchboard.sentiment.escalation.EscalationPatterns fast = io.switchboard.sentiment.escalation.EscalationPatterns.loadDefault();
    JsonObject out = new JsonObject();
    for (var e : java.util.Map.of("before_us", fast.withoutCueMatcher(), "after_us", fast).entrySet()) {
      io.switchboard.sentiment.SentimentAnalyzer analyzer = new io.switchboard.sentiment.SentimentAnalyzer(
          new io.switchboard.sentiment.provider.EmbeddedSentimentProvider(io.switchboard.sentiment.model.EmbeddedSentimentModel.withDefaultLexicon()),
          new io.switchboard.sentiment.call.CallSentimentAggregator(), e.getValue(),
          io.switchboard.sentiment.escalation.EscalationDetector.standard(e.getValue(), cfg));
      int[] k = {0};
      out.put(e.getKey(), cost(n, () -> analyzer.analyze(new io.switchboard.contract.sentiment.SentimentRequest("ld-1", "s-ld-1", k[0],
          "b:x:" + k[0] + " " + lines.get(k[0]++ % lines.size()), "en", 640, io.switchboard.contract.sentiment.CallSentimentState.initial(),
          "let me look that up for you", 0)).result()));
    }
    return out;
  }

  static JsonObject event(String type, JsonObject data) {
    return new JsonObject().put("room_name", "ld-17").put("session_id", "s-ld-17").put("event_type", type).put("data", data);
  }

  /** This thread's CPU µs per call (after a warm-up of the same size), and the wall µs for reference. */
  static double cost(int n, Supplier<?> op) {
    Object sink = null;
    for (int i = 0; i < n; i++) {
      sink = op.get();
    }
    long c0 = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      sink = op.get();
    }
    long c1 = THREADS.getCurrentThreadCpuTime();
    if (sink == THREADS) {
      System.out.print("");
    }
    return Math.round((c1 - c0) / 1000.0 / n * 100) / 100.0;
  }
}
