package io.switchboard.bench;

import io.switchboard.contract.sentiment.CallSentimentState;
import io.switchboard.contract.sentiment.SentimentRequest;
import io.switchboard.sentiment.SentimentAnalyzer;
import io.switchboard.sentiment.eval.LabeledCsv;
import io.switchboard.sentiment.model.EmbeddedSentimentModel;
import io.switchboard.sentiment.model.RuleSentimentModel;
import io.switchboard.sentiment.model.Tokenizer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 6: the embedded sentiment model (rules + trained linear model, the default scorer),
 * single thread: utterances/s and p99 per utterance over the held-out and training call-centre
 * sets, against the rule model alone and a tokenizer-only pass (the floor). Also the whole
 * per-utterance analysis (sentiment + call state + every escalation rule) as served on the bus.
 * Target: p99 ≤ 1 ms per utterance on one core (issue 14).
 */
public final class SentimentBench {
  private SentimentBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    Report report = new Report("sentiment", args.quick);
    int seconds = args.integer("seconds", 8, 1);
    List<String> utterances = utterances();
    EmbeddedSentimentModel model = EmbeddedSentimentModel.withDefaultLexicon();
    RuleSentimentModel rules = RuleSentimentModel.withDefaultLexicon();
    SentimentAnalyzer analyzer = SentimentAnalyzer.embedded();
    Tokenizer tokenizer = new Tokenizer();
    long[] sink = {0};
    Work full = t -> sink[0] += analyzer.analyze(
        new SentimentRequest("bench", "bench", 1, t, "en", -1, CallSentimentState.initial())).result().annotation().seq();
    // warm-up (JIT) for each
    run(seconds / 2.0, utterances, t -> sink[0] += model.analyze(t).hashCode());
    run(seconds / 4.0, utterances, t -> sink[0] += rules.analyze(t).hashCode());
    run(seconds / 4.0, utterances, full);
    run(seconds / 4.0, utterances, t -> sink[0] += tokenizer.tokenize(t).size());
    JsonObject m = run(seconds, utterances, t -> sink[0] += model.analyze(t).hashCode());
    JsonObject r = run(seconds / 2.0, utterances, t -> sink[0] += rules.analyze(t).hashCode());
    JsonObject a = run(seconds / 2.0, utterances, full);
    JsonObject tk = run(seconds / 2.0, utterances, t -> sink[0] += tokenizer.tokenize(t).size());
    report.details().put("utterances", utterances.size()).put("model", m).put("rules_only", r).put("analyzer", a)
        .put("tokenizer_only", tk).put("sink", sink[0] % 7);
    report.row("sentiment: embedded model, 1 thread", m.getDouble("per_s"), "utterances/s")
        .baseline("rule model only", r.getDouble("per_s"));
    report.row("sentiment p99 per utterance", m.getDouble("p99_us"), "µs")
        .baseline("rule model only p99", r.getDouble("p99_us"));
    report.row("sentiment p99 CPU per utterance (one core, target ≤ 1000)", m.getDouble("cpu_p99_us"), "µs")
        .baseline("rule model only", r.getDouble("cpu_p99_us"));
    report.row("sentiment + escalation (whole analysis) p99 CPU", a.getDouble("cpu_p99_us"), "µs")
        .baseline("tokenizer-only", tk.getDouble("cpu_p99_us"));
    report.write(args.out);
    System.exit(0);
  }

  interface Work {
    void apply(String text);
  }

  /**
   * Wall-clock and thread-CPU time per utterance. On a shared, overloaded machine the wall-clock
   * tail measures the scheduler (the thread waits for a core mid-utterance); the CPU-time
   * percentiles are the cost of one utterance on one core, which is what the 1 ms target bounds.
   */
  static JsonObject run(double seconds, List<String> texts, Work work) {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    Stats stats = new Stats();
    Stats cpu = new Stats();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long n = 0;
    long t0 = System.nanoTime();
    long c0 = threads.getCurrentThreadCpuTime();
    while (System.nanoTime() < end) {
      for (String t : texts) {
        long cs = threads.getCurrentThreadCpuTime();
        long s = System.nanoTime();
        work.apply(t);
        stats.add((System.nanoTime() - s) / 10); // units of 10 ns
        cpu.add((threads.getCurrentThreadCpuTime() - cs) / 10);
        n++;
      }
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    double cpuSecs = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
    // samples are in units of 10 ns: pctMs() = units / 1000, so µs = pctMs() * 10
    return new JsonObject()
        .put("per_s", Stats.r(n / secs))
        .put("count", n)
        .put("p50_us", Stats.r(stats.pctMs(50) * 10))
        .put("p99_us", Stats.r(stats.pctMs(99) * 10))
        .put("max_us", Stats.r(stats.pctMs(100) * 10))
        .put("cpu_share", Stats.r(cpuSecs / secs))
        .put("cpu_p50_us", Stats.r(cpu.pctMs(50) * 10))
        .put("cpu_p99_us", Stats.r(cpu.pctMs(99) * 10))
        .put("cpu_max_us", Stats.r(cpu.pctMs(100) * 10));
  }

  static List<String> utterances() throws Exception {
    List<String> out = new ArrayList<>();
    // call-centre speech: the held-out and training sets (RFC 4180, read with the module's reader)
    for (String f : List.of("eval/heldout-sentiment.csv", "eval/heldout-escalation.csv", "train/calls-a.csv", "train/calls-b.csv")) {
      Path p = Path.of("modules/sentiment/src/test/resources", f);
      if (Files.exists(p)) {
        if (f.contains("escalation")) {
          LabeledCsv.readEscalation(p).forEach(e -> out.add(e.text()));
        } else {
          LabeledCsv.readSentiment(p).forEach(e -> out.add(e.text()));
        }
      }
    }
    Path rec = Path.of("bench/recordings/billing-call.jsonl");
    if (Files.exists(rec)) {
      for (String line : Files.readAllLines(rec)) {
        JsonObject j = new JsonObject(line);
        JsonObject d = j.getJsonObject("data");
        if ("transcript".equals(j.getString("event_type")) && d != null && d.getString("text") != null) {
          out.add(d.getString("text"));
        }
      }
    }
    if (out.isEmpty()) {
      out.addAll(List.of(
          "I've been on hold for forty minutes, this is ridiculous",
          "Thank you so much, that fixed it",
          "I was charged twice for the same order and nobody is helping me",
          "Okay, can you check the invoice from November please?",
          "Great, just great, another outage. I want to cancel my subscription."));
    }
    return out;
  }
}
