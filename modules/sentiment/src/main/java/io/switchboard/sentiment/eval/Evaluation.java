package io.switchboard.sentiment.eval;

import io.switchboard.sentiment.model.EmbeddedSentimentModel;
import io.switchboard.sentiment.model.SentimentLabel;
import java.util.ArrayList;
import java.util.List;

/** Runs the embedded model and the naive baseline over a labelled set. */
public final class Evaluation {
  /** A misclassified row of the embedded model, for error analysis. */
  public record Miss(String text, SentimentLabel gold, SentimentLabel predicted, double score) {}

  /** Both reports and the embedded model's misses. */
  public record Result(ClassificationReport model, ClassificationReport baseline, List<Miss> misses) {}

  private Evaluation() {}

  public static Result run(List<LabeledUtterance> rows, EmbeddedSentimentModel model, NaiveLexiconBaseline baseline) {
    ClassificationReport m = new ClassificationReport();
    ClassificationReport b = new ClassificationReport();
    List<Miss> misses = new ArrayList<>();
    for (LabeledUtterance row : rows) {
      var s = model.analyze(row.text());
      m.add(row.label(), s.label());
      b.add(row.label(), baseline.classify(row.text()));
      if (s.label() != row.label()) {
        misses.add(new Miss(row.text(), row.label(), s.label(), s.score()));
      }
    }
    return new Result(m, b, misses);
  }
}
