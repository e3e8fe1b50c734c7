package io.switchboard.sentiment.eval;

import io.switchboard.sentiment.SentimentConfig;
import io.switchboard.sentiment.model.EmbeddedSentimentModel;
import io.switchboard.sentiment.model.UtteranceSentiment;
import io.switchboard.sentiment.provider.EmbeddedSentimentProvider;
import io.switchboard.sentiment.provider.FallbackSentimentProvider;
import io.switchboard.sentiment.provider.LlmSentimentProvider;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The optional LLM tier on a labelled set, exactly as the verticle runs it (OpenAI-compatible
 * chat completions, falling back to the embedded model on error, timeout or a malformed verdict):
 * macro-F1, how many answers came from the LLM, latency per utterance.
 *
 * <pre>
 *   SENTIMENT_LLM_KEY=... EvaluateLlmTier FILE.csv BASE_URL MODEL [TIMEOUT_MS]
 * </pre>
 */
public final class EvaluateLlmTier {
  /** What one run measured. */
  public record Result(ClassificationReport report, int fromLlm, int total, double p50Ms, double p99Ms) {
    public String render() {
      return String.format(Locale.ROOT,
          "llm tier: utterances %d   accuracy %.3f   macro-F1 %.3f   answered by the LLM %d/%d (rest fell back)   latency p50 %.1f ms p99 %.1f ms",
          total, report.accuracy(), report.macroF1(), fromLlm, total, p50Ms, p99Ms);
    }
  }

  private EvaluateLlmTier() {}

  public static Result run(Vertx vertx, List<LabeledUtterance> rows, SentimentConfig cfg) {
    WebClient client = WebClient.create(vertx);
    try {
      var provider = new FallbackSentimentProvider(
          new LlmSentimentProvider(client, cfg), new EmbeddedSentimentProvider(EmbeddedSentimentModel.withDefaultLexicon()));
      ClassificationReport report = new ClassificationReport();
      double[] ms = new double[rows.size()];
      int fromLlm = 0;
      for (int i = 0; i < rows.size(); i++) {
        long t0 = System.nanoTime();
        UtteranceSentiment s = provider.analyze(rows.get(i).text(), "en").toCompletionStage().toCompletableFuture().join();
        ms[i] = (System.nanoTime() - t0) / 1e6;
        report.add(rows.get(i).label(), s.label());
        fromLlm += "llm".equals(s.source()) ? 1 : 0;
      }
      Arrays.sort(ms);
      return new Result(report, fromLlm, rows.size(), pct(ms, 50), pct(ms, 99));
    } finally {
      client.close();
    }
  }

  private static double pct(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: SENTIMENT_LLM_KEY=... EvaluateLlmTier FILE.csv BASE_URL MODEL [TIMEOUT_MS]");
      System.exit(2);
    }
    List<LabeledUtterance> rows = new ArrayList<>(LabeledCsv.readSentiment(Path.of(args[0])));
    int timeout = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
    SentimentConfig cfg = new SentimentConfig("llm", args[1], System.getenv("SENTIMENT_LLM_KEY"), args[2], timeout);
    Vertx vertx = Vertx.vertx();
    try {
      Result r = run(vertx, rows, cfg);
      System.out.println(r.render());
      System.out.println(r.report().render("LLM tier (" + args[2] + " at " + args[1] + ")"));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }
}
