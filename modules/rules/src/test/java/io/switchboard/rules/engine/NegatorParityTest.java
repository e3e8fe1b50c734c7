package io.switchboard.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Rules and the sentiment model must agree on what negates a word ("not frustrated"), or a rule
 * fires on a line the sentiment read as calm. The rules module may not depend on sentiment
 * (docs/architecture.md, modules), so its negator list is checked against the lexicon's own
 * {@code negator} lines here, in the source tree.
 */
class NegatorParityTest {
  private static final Path LEXICON = Path.of("../sentiment/src/main/resources/io/switchboard/sentiment/lexicon.tsv");

  @Test
  void phraseMatchingUsesExactlyTheSentimentLexiconsNegators() throws Exception {
    assertTrue(Files.exists(LEXICON), "run from modules/rules: " + LEXICON.toAbsolutePath());
    Set<String> lexicon = Files.readAllLines(LEXICON).stream()
        .filter(l -> l.startsWith("negator\t"))
        .map(l -> l.substring("negator\t".length()).trim())
        .collect(Collectors.toCollection(TreeSet::new));
    assertTrue(lexicon.size() > 10, "parsed the lexicon: " + lexicon);
    assertEquals(lexicon, new TreeSet<>(PhraseMatcher.NEGATORS));
  }
}
