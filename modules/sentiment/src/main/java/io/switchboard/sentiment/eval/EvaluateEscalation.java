package io.switchboard.sentiment.eval;

import io.switchboard.contract.sentiment.CallSentimentState;
import io.switchboard.contract.sentiment.SentimentRequest;
import io.switchboard.sentiment.SentimentAnalyzer;
import io.switchboard.sentiment.escalation.EscalationPatterns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Command line: {@code EvaluateEscalation FILE.csv|FILE.jsonl [--misses] [--min-recall R]
 * [--min-precision P]}. CSV: every utterance alone as the first line of a call; first line printed
 * {@code escalation precision P recall R F1 F}. JSONL: whole calls replayed turn by turn with the
 * state carried over, as ingest does; first line {@code conversations N   right turn K ...}.
 */
public final class EvaluateEscalation {
  /** The comparison point: a keyword regex of the obvious words. */
  static final Pattern KEYWORDS = Pattern.compile(
      "\\b(manager|supervisor|human|real person|cancel\\w*|switch\\w*|sue|lawyer|solicitor|court|ombudsman|complaint|fuck\\w*|shit|chargeback|review)\\b");

  private EvaluateEscalation() {}

  /** Precision/recall of one classifier. */
  public record Scores(int tp, int fp, int fn, int tn) {
    public double precision() {
      return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    public double recall() {
      return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
  }

  /** What the analyzer raised for one utterance alone (no prior call state). */
  public static List<String> raisedAlone(SentimentAnalyzer analyzer, String text) {
    SentimentRequest req = new SentimentRequest("eval", "eval", 1, text, "en", -1, CallSentimentState.initial());
    return analyzer.analyze(req).toCompletionStage().toCompletableFuture().join().annotation().newEscalations();
  }

  public static Scores score(List<EscalationExample> rows, SentimentAnalyzer analyzer) {
    int tp = 0, fp = 0, fn = 0, tn = 0;
    for (EscalationExample e : rows) {
      boolean fired = !raisedAlone(analyzer, e.text()).isEmpty();
      if (fired) {
        tp += e.escalate() ? 1 : 0;
        fp += e.escalate() ? 0 : 1;
      } else {
        fn += e.escalate() ? 1 : 0;
        tn += e.escalate() ? 0 : 1;
      }
    }
    return new Scores(tp, fp, fn, tn);
  }

  /** The outcome of replaying one call. */
  public record Replay(Conversation call, int firstAlert, List<List<String>> raisedPerTurn) {
    public String outcome() {
      if (call.alertAt() < 0) {
        return firstAlert < 0 ? "quiet" : "false_alarm";
      }
      if (firstAlert < 0) {
        return "missed";
      }
      return firstAlert == call.alertAt() ? "right_turn" : firstAlert < call.alertAt() ? "early" : "late";
    }
  }

  /** Replays a call turn by turn, carrying the call state, agent lines and tool errors forward. */
  public static Replay replay(SentimentAnalyzer analyzer, Conversation c) {
    CallSentimentState state = CallSentimentState.initial();
    StringBuilder agentText = new StringBuilder();
    int toolErrors = 0;
    long latency = -1;
    int first = -1;
    List<List<String>> raised = new ArrayList<>();
    for (int i = 0; i < c.turns().size(); i++) {
      Conversation.Turn t = c.turns().get(i);
      if (!t.customer()) {
        agentText.append(agentText.length() == 0 ? "" : " ").append(t.text());
        toolErrors += t.toolError() ? 1 : 0;
        latency = Math.max(latency, t.agentLatencyMs());
        raised.add(List.of());
        continue;
      }
      SentimentRequest req = new SentimentRequest(
          "eval", c.id(), i + 1, t.text(), "en", latency, state, agentText.length() == 0 ? null : agentText.toString(), toolErrors);
      var result = analyzer.analyze(req).toCompletionStage().toCompletableFuture().join();
      state = result.annotation().call();
      raised.add(result.annotation().newEscalations());
      if (first < 0 && !result.annotation().newEscalations().isEmpty()) {
        first = i;
      }
      agentText.setLength(0);
      toolErrors = 0;
      latency = -1;
    }
    return new Replay(c, first, raised);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: EvaluateEscalation FILE.csv|FILE.jsonl [--misses] [--min-recall R] [--min-precision P]");
      System.exit(2);
    }
    List<String> opts = List.of(args);
    boolean misses = opts.contains("--misses");
    SentimentAnalyzer analyzer = SentimentAnalyzer.embedded();
    Path file = Path.of(args[0]);
    if (args[0].endsWith(".jsonl")) {
      conversations(file, analyzer, misses);
      return;
    }
    List<EscalationExample> rows;
    try {
      rows = LabeledCsv.readEscalation(file);
    } catch (IllegalArgumentException e) {
      System.err.println("eval-escalation: " + args[0] + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    int tp = 0, fp = 0, fn = 0, tn = 0;
    int btp = 0, bfp = 0, bfn = 0;
    Map<String, Integer> byReason = new TreeMap<>();
    List<String> missed = new ArrayList<>();
    List<String> falseAlarms = new ArrayList<>();
    for (EscalationExample e : rows) {
      List<String> reasons = raisedAlone(analyzer, e.text());
      boolean fired = !reasons.isEmpty();
      boolean base = KEYWORDS.matcher(EscalationPatterns.normalise(e.text())).find();
      if (fired && e.escalate()) {
        tp++;
        reasons.forEach(r -> byReason.merge(r, 1, Integer::sum));
      } else if (fired) {
        fp++;
        falseAlarms.add(reasons + "  " + e.text());
      } else if (e.escalate()) {
        fn++;
        missed.add(e.text());
      } else {
        tn++;
      }
      if (base) {
        btp += e.escalate() ? 1 : 0;
        bfp += e.escalate() ? 0 : 1;
      } else {
        bfn += e.escalate() ? 1 : 0;
      }
    }
    Scores s = new Scores(tp, fp, fn, tn);
    Scores b = new Scores(btp, bfp, bfn, 0);
    System.out.printf(Locale.ROOT, "escalation precision %.3f recall %.3f F1 %.3f%n", s.precision(), s.recall(), s.f1());
    System.out.printf(Locale.ROOT, "utterances %d (should escalate %d)   tp %d  fp %d  fn %d  tn %d%n", rows.size(), tp + fn, tp, fp, fn, tn);
    System.out.println("set: " + args[0]);
    System.out.printf(Locale.ROOT, "baseline keyword regex: precision %.3f recall %.3f F1 %.3f%n", b.precision(), b.recall(), b.f1());
    System.out.println("reasons on true alerts: " + byReason);
    if (misses) {
      System.out.println();
      System.out.println("missed (should escalate, nothing raised):");
      missed.forEach(m -> System.out.println("  " + m));
      System.out.println("false alarms:");
      falseAlarms.forEach(m -> System.out.println("  " + m));
    }
    floors(opts, args, s.recall(), s.precision());
  }

  private static void conversations(Path file, SentimentAnalyzer analyzer, boolean misses) throws IOException {
    List<Conversation> calls;
    try {
      calls = Conversation.readJsonl(file);
    } catch (IllegalArgumentException e) {
      System.err.println("eval-escalation: " + e.getMessage());
      System.exit(2);
      return;
    }
    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    for (Conversation c : calls) {
      Replay r = replay(analyzer, c);
      outcomes.merge(r.outcome(), 1, Integer::sum);
      List<String> at = r.firstAlert() < 0 ? List.of() : r.raisedPerTurn().get(r.firstAlert());
      lines.add(String.format(Locale.ROOT, "  %-12s %-34s expected turn %-4s fired turn %-4s %s",
          r.outcome(), c.id(), c.alertAt() < 0 ? "-" : c.alertAt(), r.firstAlert() < 0 ? "-" : r.firstAlert(), at));
    }
    int shouldAlert = (int) calls.stream().filter(c -> c.alertAt() >= 0).count();
    System.out.printf(Locale.ROOT, "conversations %d   right turn %d/%d   early %d   late %d   missed %d   false alarms %d/%d%n",
        calls.size(), outcomes.getOrDefault("right_turn", 0), shouldAlert, outcomes.getOrDefault("early", 0),
        outcomes.getOrDefault("late", 0), outcomes.getOrDefault("missed", 0), outcomes.getOrDefault("false_alarm", 0),
        calls.size() - shouldAlert);
    System.out.println("set: " + file);
    lines.forEach(System.out::println);
  }

  private static void floors(List<String> opts, String[] args, double recall, double precision) {
    int r = opts.indexOf("--min-recall");
    int p = opts.indexOf("--min-precision");
    boolean fail = false;
    if (r >= 0 && recall < Double.parseDouble(args[r + 1])) {
      System.err.printf(Locale.ROOT, "eval-escalation: recall %.3f is below the floor %s%n", recall, args[r + 1]);
      fail = true;
    }
    if (p >= 0 && precision < Double.parseDouble(args[p + 1])) {
      System.err.printf(Locale.ROOT, "eval-escalation: precision %.3f is below the floor %s%n", precision, args[p + 1]);
      fail = true;
    }
    if (fail) {
      System.exit(1);
    }
  }
}
