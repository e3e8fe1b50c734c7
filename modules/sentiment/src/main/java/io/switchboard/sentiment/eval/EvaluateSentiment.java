package io.switchboard.sentiment.eval;

import io.switchboard.sentiment.model.EmbeddedSentimentModel;
import io.switchboard.sentiment.model.RuleSentimentModel;
import io.switchboard.sentiment.model.SentimentLabel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Command line: {@code EvaluateSentiment FILE.csv [--misses] [--min-macro-f1 F]}. The first line is
 * {@code utterances N   accuracy A   macro-F1 F} of the embedded model; then its per-class
 * precision/recall/F1 and confusion matrix, the rule-only model and the naive baseline. Exits 1
 * when a floor is given and missed.
 */
public final class EvaluateSentiment {
  private EvaluateSentiment() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: EvaluateSentiment FILE.csv [--misses] [--min-macro-f1 F]");
      System.exit(2);
    }
    List<String> opts = List.of(args);
    List<LabeledUtterance> rows;
    try {
      rows = LabeledCsv.readSentiment(Path.of(args[0]));
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      System.err.println("eval-sentiment: " + args[0] + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    EmbeddedSentimentModel model = EmbeddedSentimentModel.withDefaultLexicon();
    RuleSentimentModel rules = RuleSentimentModel.withDefaultLexicon();
    long t0 = System.nanoTime();
    Evaluation.Result result = Evaluation.run(rows, model::analyze);
    double micros = (System.nanoTime() - t0) / 1000.0 / Math.max(1, rows.size());
    Evaluation.Result rule = Evaluation.run(rows, rules::analyze);
    Evaluation.Result base = Evaluation.run(rows, Evaluation.of(NaiveLexiconBaseline.load()));

    ClassificationReport r = result.report();
    System.out.printf(Locale.ROOT, "utterances %d   accuracy %.3f   macro-F1 %.3f%n", r.total(), r.accuracy(), r.macroF1());
    System.out.printf(Locale.ROOT, "negative recall %.3f   precision %.3f%n",
        r.recall(SentimentLabel.NEGATIVE), r.precision(SentimentLabel.NEGATIVE));
    System.out.println("set: " + args[0]);
    System.out.println();
    System.out.println(r.render("Embedded model (lexicon rules + trained linear model)"));
    System.out.println(rule.report().render("Rule model only (lexicon + negation/intensity/contrast/sarcasm)"));
    System.out.println(base.report().render("Baseline (naive AFINN-style word sum)"));
    System.out.printf(Locale.ROOT, "macro-F1 over baseline: %+.3f   (%.1f µs per utterance, cold JVM)%n",
        r.macroF1() - base.report().macroF1(), micros);
    if (opts.contains("--misses")) {
      System.out.println();
      System.out.println("Embedded model misses:");
      for (Evaluation.Miss m : result.misses()) {
        System.out.printf(Locale.ROOT, "  gold=%-8s got=%-8s score=%+.2f  %s%n", m.gold().wire(), m.predicted().wire(), m.score(), m.text());
      }
    }
    int i = opts.indexOf("--min-macro-f1");
    if (i >= 0 && i + 1 < args.length) {
      double floor = Double.parseDouble(args[i + 1]);
      if (r.macroF1() < floor) {
        System.err.printf(Locale.ROOT, "eval-sentiment: macro-F1 %.3f is below the floor %.3f%n", r.macroF1(), floor);
        System.exit(1);
      }
    }
  }
}
