package io.switchboard.sentiment.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sentiment.eval.LabeledUtterance;
import io.switchboard.sentiment.model.LinearSentimentModel;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed weights are exactly what the trainer makes of the committed corpus: nobody
 * edited the weights by hand, and nobody changed the corpus, lexicon or features without
 * retraining (scripts/train-sentiment). Also: no held-out utterance is in the training corpus.
 */
class TrainedWeightsAreReproducibleTest {
  static List<Path> corpus() throws Exception {
    Path dir = Path.of(TrainedWeightsAreReproducibleTest.class.getResource("/train").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
  }

  static List<LabeledUtterance> rows() throws Exception {
    List<LabeledUtterance> rows = new ArrayList<>();
    for (Path p : corpus()) {
      rows.addAll(TrainSentimentModel.readCorpus(p));
    }
    return rows;
  }

  @Test
  void committedWeightsAreTheTrainersOutput() throws Exception {
    List<LabeledUtterance> rows = rows();
    String expected = TrainSentimentModel.render(TrainSentimentModel.train(rows, TrainSentimentModel.Settings.standard()), rows.size(),
        TrainSentimentModel.Settings.standard());
    String committed;
    try (InputStream in = LinearSentimentModel.class.getResourceAsStream(LinearSentimentModel.DEFAULT_RESOURCE)) {
      committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(expected, committed, "sentiment-weights.tsv is stale: run scripts/train-sentiment");
  }

  @Test
  void trainingIsDeterministic() throws Exception {
    List<LabeledUtterance> rows = rows().subList(0, 200);
    var s = TrainSentimentModel.Settings.standard();
    assertEquals(TrainSentimentModel.render(TrainSentimentModel.train(rows, s), 200, s),
        TrainSentimentModel.render(TrainSentimentModel.train(rows, s), 200, s));
  }

  @Test
  void noHeldOutUtteranceIsTrainedOn() throws Exception {
    List<String> train = rows().stream().map(r -> r.text().toLowerCase().strip()).toList();
    assertTrue(train.size() > 1000, "corpus " + train.size());
    for (String set : List.of("/eval/heldout-sentiment.csv", "/eval/heldout-escalation.csv")) {
      Path p = Path.of(getClass().getResource(set).toURI());
      for (String line : Files.readAllLines(p).subList(1, Files.readAllLines(p).size())) {
        String text = line.startsWith("\"") ? line.substring(1, line.indexOf('"', 1)) : line.substring(0, line.indexOf(','));
        assertFalse(train.contains(text.toLowerCase().strip()), "held-out utterance in the training corpus: " + text);
      }
    }
  }
}
