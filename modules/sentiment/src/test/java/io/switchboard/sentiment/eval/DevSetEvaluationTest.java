package io.switchboard.sentiment.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sentiment.model.EmbeddedSentimentModel;
import io.switchboard.sentiment.model.SentimentLabel;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DevSetEvaluationTest {
  private static List<LabeledUtterance> load(String resource) throws Exception {
    try (Reader r = new InputStreamReader(DevSetEvaluationTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8)) {
      return DevSetReader.read(r);
    }
  }

  @Test
  void devSetIsLargeAndCoversEveryLabel() throws Exception {
    List<LabeledUtterance> rows = load("/sentiment-dev.csv");
    assertTrue(rows.size() >= 150, "rows " + rows.size());
    Map<SentimentLabel, Long> counts = rows.stream().collect(Collectors.groupingBy(LabeledUtterance::label, Collectors.counting()));
    for (SentimentLabel l : SentimentLabel.values()) {
      assertTrue(counts.getOrDefault(l, 0L) >= 40, l + " has " + counts.get(l));
    }
  }

  @Test
  void embeddedModelReachesTargetAndBeatsBaseline() throws Exception {
    var result = Evaluation.run(load("/sentiment-dev.csv"), EmbeddedSentimentModel.withDefaultLexicon(), NaiveLexiconBaseline.load());
    double model = result.model().macroF1();
    double baseline = result.baseline().macroF1();
    assertTrue(model >= 0.80, "macro-F1 " + model);
    assertTrue(model - baseline >= 0.10, "model " + model + " vs baseline " + baseline);
  }

  @Test
  void heldOutSetStillBeatsBaseline() throws Exception {
    // written after the lexicon was tuned on the dev set: a check against over-fitting
    var result = Evaluation.run(load("/sentiment-holdout.csv"), EmbeddedSentimentModel.withDefaultLexicon(), NaiveLexiconBaseline.load());
    assertTrue(result.model().macroF1() - result.baseline().macroF1() >= 0.10,
        "model " + result.model().macroF1() + " vs baseline " + result.baseline().macroF1());
  }

  @Test
  void reportComputesMetricsFromTheConfusionMatrix() {
    ClassificationReport r = new ClassificationReport();
    r.add(SentimentLabel.POSITIVE, SentimentLabel.POSITIVE);
    r.add(SentimentLabel.POSITIVE, SentimentLabel.NEUTRAL);
    r.add(SentimentLabel.NEGATIVE, SentimentLabel.NEGATIVE);
    r.add(SentimentLabel.NEUTRAL, SentimentLabel.NEGATIVE);
    assertEquals(0.5, r.accuracy(), 1e-9);
    assertEquals(1.0, r.precision(SentimentLabel.POSITIVE), 1e-9);
    assertEquals(0.5, r.recall(SentimentLabel.POSITIVE), 1e-9);
    assertEquals(0.5, r.precision(SentimentLabel.NEGATIVE), 1e-9);
    assertEquals(0.0, r.f1(SentimentLabel.NEUTRAL), 1e-9);
    assertEquals((2.0 / 3 + 2.0 / 3 + 0) / 3, r.macroF1(), 1e-9);
  }

  @Test
  void csvQuotingIsHonoured() throws Exception {
    var rows = DevSetReader.read(new StringReader("text,label\n\"He said \"\"fine\"\", then hung up\",negative\nok,neutral\n"));
    assertEquals("He said \"fine\", then hung up", rows.get(0).text());
    assertEquals(SentimentLabel.NEUTRAL, rows.get(1).label());
  }
}
