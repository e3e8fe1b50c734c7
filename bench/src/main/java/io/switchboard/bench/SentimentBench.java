package io.switchboard.bench;

import io.switchboard.sentiment.model.EmbeddedSentimentModel;
import io.switchboard.sentiment.model.Tokenizer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 6: the embedded sentiment model, single thread: utterances/s and p99 per utterance,
 * against a tokenizer-only pass over the same utterances (the model's floor).
 */
public final class SentimentBench {
  private SentimentBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    Report report = new Report("sentiment", args.quick);
    int seconds = args.integer("seconds", 8, 1);
    List<String> utterances = utterances();
    EmbeddedSentimentModel model = EmbeddedSentimentModel.withDefaultLexicon();
    Tokenizer tokenizer = new Tokenizer();
    long[] sink = {0};
    // warm-up (JIT) for both
    run(seconds / 2.0, utterances, t -> sink[0] += model.analyze(t).hashCode());
    run(seconds / 2.0, utterances, t -> sink[0] += tokenizer.tokenize(t).size());
    JsonObject m = run(seconds, utterances, t -> sink[0] += model.analyze(t).hashCode());
    JsonObject tk = run(seconds, utterances, t -> sink[0] += tokenizer.tokenize(t).size());
    report.details().put("utterances", utterances.size()).put("model", m).put("tokenizer_only", tk).put("sink", sink[0] % 7);
    report.row("sentiment: embedded model, 1 thread", m.getDouble("per_s"), "utterances/s")
        .baseline("tokenizer-only pass", tk.getDouble("per_s"));
    report.row("sentiment p99 per utterance", m.getDouble("p99_us"), "µs")
        .baseline("tokenizer-only p99", tk.getDouble("p99_us"));
    report.write(args.out);
    System.exit(0);
  }

  interface Work {
    void apply(String text);
  }

  static JsonObject run(double seconds, List<String> texts, Work work) {
    Stats stats = new Stats();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long n = 0;
    long t0 = System.nanoTime();
    while (System.nanoTime() < end) {
      for (String t : texts) {
        long s = System.nanoTime();
        work.apply(t);
        stats.add((System.nanoTime() - s) / 10); // units of 10 ns
        n++;
      }
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    // samples are in units of 10 ns: pctMs() = units / 1000, so µs = pctMs() * 10
    return new JsonObject()
        .put("per_s", Stats.r(n / secs))
        .put("count", n)
        .put("p50_us", Stats.r(stats.pctMs(50) * 10))
        .put("p99_us", Stats.r(stats.pctMs(99) * 10))
        .put("max_us", Stats.r(stats.pctMs(100) * 10));
  }

  static List<String> utterances() throws Exception {
    List<String> out = new ArrayList<>();
    Path dev = Path.of("modules/sentiment/src/test/resources/sentiment-dev.csv");
    if (Files.exists(dev)) {
      for (String line : Files.readAllLines(dev)) {
        int comma = line.lastIndexOf(',');
        if (comma > 0 && !line.startsWith("text,")) {
          out.add(line.substring(0, comma).replaceAll("^\"|\"$", ""));
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
