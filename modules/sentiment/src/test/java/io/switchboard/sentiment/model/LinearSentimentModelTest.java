package io.switchboard.sentiment.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sentiment.eval.LabeledCsv;
import io.switchboard.sentiment.eval.LabeledUtterance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Scoring a line straight from its features gives the very doubles that scoring the feature map
 * gives (the map is what training sees): on every utterance of the corpora, and on generated lines
 * that repeat words, negate, contrast and shout, so that the same feature arrives more than once,
 * and that hold the separators of the names the model splits its weights by ({@code _}, {@code
 * NOT_}, {@code w:}, {@code <s>}).
 */
class LinearSentimentModelTest {
  private static final SentimentFeatures FEATURES = new SentimentFeatures(RuleSentimentModel.withDefaultLexicon());
  private static final LinearSentimentModel MODEL = LinearSentimentModel.loadDefault();

  private static void sameAsTheMap(String text) {
    assertArrayEquals(MODEL.probabilities(FEATURES.extract(text)), MODEL.probabilities(FEATURES, text), 0.0, text);
  }

  @Example
  void everyCorpusLineScoresTheSame() throws IOException {
    List<String> texts = new ArrayList<>();
    for (String dir : List.of("src/test/resources/train", "src/test/resources/eval")) {
      try (Stream<Path> files = Files.list(Path.of(dir))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".csv") && !p.toString().contains("escalation")).toList()) {
          texts.addAll(LabeledCsv.readSentiment(f).stream().map(LabeledUtterance::text).toList());
        }
      }
    }
    assertTrue(texts.size() > 500, "corpora read: " + texts.size());
    texts.forEach(LinearSentimentModelTest::sameAsTheMap);
  }

  @Provide
  Arbitrary<String> lines() {
    Arbitrary<String> word = Arbitraries.of(
        "the", "the", "not", "never", "happy", "good", "bad", "really", "but", "and", "terrible", "thanks", "um",
        "ridiculous", "GREAT", "don't", "isn't", "help", "help", "waiting", "so", "?", ",", ".", "!", "yeah", "yeah",
        // what the split weight lookup must not be fooled by: the name parts' separators and markers
        "NOT_happy", "not_good", "b:the_the", "w:good", "a:NOT_bad", "<s>", "</s>", "_", "happy_");
    return word.list().ofMinSize(0).ofMaxSize(30).map(ws -> String.join(" ", ws));
  }

  @Property(tries = 3000)
  void generatedLinesScoreTheSame(@ForAll("lines") String text) {
    sameAsTheMap(text);
  }
}
