package io.switchboard.sentiment.eval;

import io.switchboard.sentiment.model.EmbeddedSentimentModel;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Command line: {@code EvaluateSentiment FILE.csv [--misses]}. Prints the embedded model's
 * accuracy, macro-F1, per-class P/R/F1 and confusion matrix next to the naive baseline's.
 */
public final class EvaluateSentiment {
  private EvaluateSentiment() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: EvaluateSentiment FILE.csv [--misses]");
      System.exit(2);
    }
    List<LabeledUtterance> rows;
    try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      rows = DevSetReader.read(r);
    }
    EmbeddedSentimentModel model = EmbeddedSentimentModel.withDefaultLexicon();
    long t0 = System.nanoTime();
    Evaluation.Result result = Evaluation.run(rows, model, NaiveLexiconBaseline.load());
    double micros = (System.nanoTime() - t0) / 1000.0 / Math.max(1, rows.size());

    System.out.println("Evaluation set: " + args[0]);
    System.out.println();
    System.out.println(result.model().render("Embedded model (lexicon + negation/intensity/contrast/sarcasm/domain rules)"));
    System.out.println(result.baseline().render("Baseline (naive AFINN-style word sum)"));
    System.out.printf(
        Locale.ROOT,
        "macro-F1 improvement over baseline: %+.3f   (%.1f µs per utterance for both scorers together, cold JVM)%n",
        result.model().macroF1() - result.baseline().macroF1(),
        micros);
    if (List.of(args).contains("--misses")) {
      System.out.println();
      System.out.println("Embedded model misses:");
      for (Evaluation.Miss m : result.misses()) {
        System.out.printf(Locale.ROOT, "  gold=%-8s got=%-8s score=%+.2f  %s%n", m.gold().wire(), m.predicted().wire(), m.score(), m.text());
      }
    }
  }
}
