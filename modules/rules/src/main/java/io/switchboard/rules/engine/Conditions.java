package io.switchboard.rules.engine;

import io.switchboard.contract.live.EventType;
import io.switchboard.contract.rules.Rules;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/** Compiles the conditions of {@code /schemas/rule.json} (the document is schema-valid already). */
public final class Conditions {
  private Conditions() {}

  public static Condition compile(JsonObject c) {
    String type = c.getString(Rules.TYPE);
    return switch (type) {
      case Rules.PHRASE -> new Phrase(
          speaker(c), new PhraseMatcher(strings(c.getJsonArray("phrases")), c.getBoolean("negation_safe", true)));
      case Rules.REGEX -> new Regex(speaker(c), SafeRegex.compile(c.getString("pattern"), c.getBoolean("case_sensitive", false)));
      case Rules.SENTIMENT -> new Sentiment(c.getString("label"), number(c, "score_below"), number(c, "score_above"));
      case Rules.SENTIMENT_TREND -> new SentimentTrend(c.getInteger("turns"), number(c, "drop"), number(c, "average_below"));
      case Rules.SILENCE -> new Silence(millis(c));
      case Rules.TAKEOVER -> new Takeover(millis(c));
      case Rules.CALL_DURATION -> new CallDuration(millis(c));
      case Rules.LATENCY -> new Latency("ttft".equals(c.getString("metric")) ? "llm_ttft_ms" : "e2e_ms", c.getDouble("above_ms"));
      case Rules.TOOL_FAILED -> new ToolFailed(c.getString("name"));
      case Rules.LANGUAGE -> new Language(lower(strings(c.getJsonArray("in"))));
      case Rules.AGENT -> new Agent(strings(c.getJsonArray("in")));
      case Rules.ESCALATION -> new Escalation(c.getString("reason"));
      default -> throw new IllegalArgumentException("unknown condition type " + type);
    };
  }

  /** "customer", "agent" or "any" (default: the customer). */
  private static String speaker(JsonObject c) {
    return c.getString("speaker", "customer");
  }

  private static boolean saidBy(String wanted, Observation o) {
    String speaker = o.transcriptSpeaker();
    return speaker != null && ("any".equals(wanted) || wanted.equals(speaker));
  }

  record Phrase(String speaker, PhraseMatcher matcher) implements Condition {
    public String type() {
      return Rules.PHRASE;
    }

    public boolean test(CallState call, Observation o) {
      return saidBy(speaker, o) && matcher.matches(o.data().getString("text"));
    }
  }

  record Regex(String speaker, SafeRegex regex) implements Condition {
    public String type() {
      return Rules.REGEX;
    }

    public boolean test(CallState call, Observation o) {
      return saidBy(speaker, o) && regex.find(o.data().getString("text")) == SafeRegex.Result.MATCH;
    }
  }

  /** The sentiment of one customer line (its annotation). */
  record Sentiment(String label, Double below, Double above) implements Condition {
    public String type() {
      return Rules.SENTIMENT;
    }

    public boolean test(CallState call, Observation o) {
      if (!o.is(EventType.SENTIMENT)) {
        return false;
      }
      double score = o.data().getDouble("score", 0.0);
      return (label == null || label.equals(o.data().getString("label")))
          && (below == null || score < below)
          && (above == null || score > above);
    }
  }

  /** Over the last {@code turns} customer lines: the score fell by at least {@code drop}, and/or averaged below a bound. */
  record SentimentTrend(int turns, Double drop, Double averageBelow) implements Condition {
    public String type() {
      return Rules.SENTIMENT_TREND;
    }

    public boolean test(CallState call, Observation o) {
      if (!o.is(EventType.SENTIMENT)) {
        return false;
      }
      List<Double> last = call.lastScores(turns);
      if (last.size() < turns) {
        return false;
      }
      boolean fell = drop == null || last.get(0) - last.get(last.size() - 1) >= drop;
      double avg = last.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      return fell && (averageBelow == null || avg < averageBelow);
    }
  }

  /**
   * "For longer than T while the call is live": silence, takeover and call duration differ only in
   * where the span starts ({@link #since}; {@code Long.MAX_VALUE} while it has not started).
   */
  interface LongerThan extends Condition {
    long ms();

    long since(CallState call);

    @Override
    default boolean test(CallState call, Observation o) {
      return !call.ended() && o.at() - since(call) > ms();
    }

    @Override
    default boolean timed() {
      return true;
    }
  }

  /** Nobody said anything for longer than T while the call is live. */
  record Silence(long ms) implements LongerThan {
    public String type() {
      return Rules.SILENCE;
    }

    public long since(CallState call) {
      return call.lastSpokeAt();
    }
  }

  /** A supervisor has held the call for longer than T. */
  record Takeover(long ms) implements LongerThan {
    public String type() {
      return Rules.TAKEOVER;
    }

    public long since(CallState call) {
      return call.takeoverSince() > 0 ? call.takeoverSince() : Long.MAX_VALUE;
    }
  }

  /** The call has lasted longer than T. */
  record CallDuration(long ms) implements LongerThan {
    public String type() {
      return Rules.CALL_DURATION;
    }

    public long since(CallState call) {
      return call.startedAt();
    }
  }

  /** The agent's reported latency (time to first token, or end to end) above T in a metrics event. */
  record Latency(String field, double aboveMs) implements Condition {
    public String type() {
      return Rules.LATENCY;
    }

    public boolean test(CallState call, Observation o) {
      return o.is(EventType.METRICS) && o.data().getValue(field) instanceof Number n && n.doubleValue() > aboveMs;
    }
  }

  /** A tool call that failed (optionally: of this tool). */
  record ToolFailed(String name) implements Condition {
    public String type() {
      return Rules.TOOL_FAILED;
    }

    public boolean test(CallState call, Observation o) {
      return o.is(EventType.TOOL_CALL) && (name == null || name.equals(o.data().getString("name"))) && failed(o.data());
    }
  }

  /**
   * A tool call failed when its data says so: an {@code error} field, a {@code status} of
   * error/failed, or a result object carrying an {@code error} (what ingest's AgentTurns counts).
   */
  static boolean failed(JsonObject d) {
    if (d.getValue("error") != null) {
      return true;
    }
    String status = String.valueOf(d.getValue("status", "")).toLowerCase(Locale.ROOT);
    if (status.equals("error") || status.equals("failed") || status.equals("failure")) {
      return true;
    }
    return d.getValue("result") instanceof JsonObject r && (r.getValue("error") != null || "error".equals(r.getValue("status")));
  }

  record Language(List<String> in) implements Condition {
    public String type() {
      return Rules.LANGUAGE;
    }

    public boolean test(CallState call, Observation o) {
      String lang = call.language();
      if (lang == null) {
        return false;
      }
      String l = lang.toLowerCase(Locale.ROOT);
      return in.contains(l) || in.contains(l.split("[-_]")[0]);
    }
  }

  record Agent(List<String> in) implements Condition {
    public String type() {
      return Rules.AGENT;
    }

    public boolean test(CallState call, Observation o) {
      return call.agent() != null && in.contains(call.agent());
    }
  }

  /** The sentiment verticle's escalation detector raised this reason on the annotated line. */
  record Escalation(String reason) implements Condition {
    public String type() {
      return Rules.ESCALATION;
    }

    public boolean test(CallState call, Observation o) {
      if (!o.is(EventType.SENTIMENT)) {
        return false;
      }
      JsonArray raised = o.data().getJsonArray("new_escalations");
      return raised != null && raised.contains(reason);
    }
  }

  private static Double number(JsonObject c, String key) {
    return c.getValue(key) instanceof Number n ? n.doubleValue() : null;
  }

  private static long millis(JsonObject c) {
    return Math.round(c.getDouble("seconds") * 1000);
  }

  private static List<String> strings(JsonArray a) {
    return a == null ? List.of() : a.stream().map(String::valueOf).toList();
  }

  private static List<String> lower(List<String> in) {
    return in.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }
}
