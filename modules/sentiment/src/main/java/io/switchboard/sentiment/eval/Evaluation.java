package io.switchboard.sentiment.eval;

import io.switchboard.sentiment.model.SentimentLabel;
import io.switchboard.sentiment.model.UtteranceSentiment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Runs a scorer over a labelled set. */
public final class Evaluation {
  /** A misclassified row, for error analysis. */
  public record Miss(String text, SentimentLabel gold, SentimentLabel predicted, double score) {}

  /** The report and the misses. */
  public record Result(ClassificationReport report, List<Miss> misses) {}

  private Evaluation() {}

  public static Result run(List<LabeledUtterance> rows, Function<String, UtteranceSentiment> scorer) {
    ClassificationReport m = new ClassificationReport();
    List<Miss> misses = new ArrayList<>();
    for (LabeledUtterance row : rows) {
      UtteranceSentiment s = scorer.apply(row.text());
      m.add(row.label(), s.label());
      if (s.label() != row.label()) {
        misses.add(new Miss(row.text(), row.label(), s.label(), s.score()));
      }
    }
    return new Result(m, misses);
  }

  /** The baseline as a scorer (score ±1 or 0). */
  public static Function<String, UtteranceSentiment> of(NaiveLexiconBaseline b) {
    return t -> {
      SentimentLabel l = b.classify(t);
      return new UtteranceSentiment(l, l == SentimentLabel.POSITIVE ? 1 : l == SentimentLabel.NEGATIVE ? -1 : 0, 1, "baseline");
    };
  }
}
