package io.switchboard.sentiment.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sentiment.SentimentAnalyzer;
import io.switchboard.sentiment.model.EmbeddedSentimentModel;
import io.switchboard.sentiment.model.SentimentLabel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The acceptance floors on the held-out sets (never tuned on: written and committed before the
 * model changed). A regression below the targets fails the build.
 */
class HeldOutFloorsTest {
  static Path resource(String name) throws Exception {
    return Path.of(HeldOutFloorsTest.class.getResource(name).toURI());
  }

  @Test
  void sentimentMeetsTheTargetsAndBeatsTheBaseline() throws Exception {
    List<LabeledUtterance> rows = LabeledCsv.readSentiment(resource("/eval/heldout-sentiment.csv"));
    assertTrue(rows.size() >= 300, "held-out size " + rows.size());
    ClassificationReport m = Evaluation.run(rows, EmbeddedSentimentModel.withDefaultLexicon()::analyze).report();
    ClassificationReport base = Evaluation.run(rows, Evaluation.of(NaiveLexiconBaseline.load())).report();
    assertTrue(m.macroF1() >= 0.80, "macro-F1 " + m.macroF1());
    assertTrue(m.recall(SentimentLabel.NEGATIVE) >= 0.80, "negative recall " + m.recall(SentimentLabel.NEGATIVE));
    assertTrue(m.precision(SentimentLabel.NEGATIVE) >= 0.80, "negative precision " + m.precision(SentimentLabel.NEGATIVE));
    assertTrue(m.macroF1() - base.macroF1() >= 0.2, "model " + m.macroF1() + " vs baseline " + base.macroF1());
  }

  @Test
  void escalationMeetsTheTargets() throws Exception {
    List<EscalationExample> rows = LabeledCsv.readEscalation(resource("/eval/heldout-escalation.csv"));
    assertTrue(rows.size() >= 300, "held-out size " + rows.size());
    EvaluateEscalation.Scores s = EvaluateEscalation.score(rows, SentimentAnalyzer.embedded());
    assertTrue(s.recall() >= 0.90, "recall " + s.recall());
    assertTrue(s.precision() >= 0.80, "precision " + s.precision());
  }
}
