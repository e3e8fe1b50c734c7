package io.switchboard.sentiment.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The automaton answers, for every key, what asking the key's {@code need:} substrings one by one
 * answers: on lines made of the substrings themselves — overlapping, nested in one another
 * ("charge" in "chargeback"), cut in half — and of ordinary words.
 */
class NeedScannerTest {
  private static final Map<String, List<String>> NEEDS = defaultNeeds();
  private static final NeedScanner SCANNER = new NeedScanner(NEEDS);

  private static Map<String, List<String>> defaultNeeds() {
    Map<String, List<String>> needs = new LinkedHashMap<>();
    try (InputStream in = EscalationPatterns.class.getResourceAsStream(EscalationPatterns.DEFAULT_RESOURCE)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int tab = line.indexOf('\t');
        if (line.startsWith("need:") && tab > 0) {
          needs.put(line.substring("need:".length(), tab).strip(), List.of(line.substring(tab + 1).strip().split("\\|")));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return needs;
  }

  private static void sameAsAskingEachKey(NeedScanner scanner, Map<String, List<String>> needs, String text) {
    for (Map.Entry<String, List<String>> e : needs.entrySet()) {
      assertEquals(NeedScanner.containsAny(text, e.getValue()), scanner.mayMatch(e.getKey(), text), e.getKey() + " on '" + text + "'");
    }
  }

  @Provide
  Arbitrary<String> lines() {
    List<String> pieces = new ArrayList<>();
    NEEDS.values().forEach(pieces::addAll);
    List<String> halves = pieces.stream().filter(p -> p.length() > 3).map(p -> p.substring(0, p.length() / 2)).toList();
    Arbitrary<String> piece = Arbitraries.oneOf(
        Arbitraries.of(pieces), Arbitraries.of(halves),
        Arbitraries.of("i", "want", "the", "my", "order", "please", "thanks", "not", "a", "it's", "ok", ""));
    Arbitrary<String> glue = Arbitraries.of(" ", "", " ", "'", "-");
    return Arbitraries.lazy(() -> piece.list().ofMaxSize(12).flatMap(ps -> glue.list().ofSize(ps.size()).map(gs -> {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < ps.size(); i++) {
        sb.append(ps.get(i)).append(gs.get(i));
      }
      return sb.toString();
    })));
  }

  @Property(tries = 3000)
  void everyKeyAnswersAsItsSubstringsOneByOne(@ForAll("lines") String text) {
    assertTrue(NEEDS.size() >= 8, "need: lines read: " + NEEDS.keySet());
    sameAsAskingEachKey(SCANNER, NEEDS, text);
  }

  @Example
  void linesAskedInTurnAreNotConfusedWithTheOneBefore() {
    String customer = "i want to speak to a manager";
    String agent = "let me check";
    for (int round = 0; round < 3; round++) {
      assertTrue(SCANNER.mayMatch("human_requested", customer));
      assertFalse(SCANNER.mayMatch("human_requested", agent));
      // the same words in another string: answered from its own scan, not the remembered one
      assertTrue(SCANNER.mayMatch("human_requested", new String(customer)));
    }
  }

  @Example
  void keysPastSixtyFourAndEmptySubstringsAnswerAsWell() {
    Map<String, List<String>> many = new LinkedHashMap<>();
    IntStream.range(0, 70).forEach(i -> many.put(String.format("k%02d", i), List.of("w" + i + "x", "shared")));
    many.put("always", List.of("zzz", ""));
    NeedScanner scanner = new NeedScanner(many);
    for (String text : List.of("w3x", "w65x and w69x", "shared", "nothing", "", "w1x w10x")) {
      sameAsAskingEachKey(scanner, many, text);
    }
    assertTrue(scanner.mayMatch("always", "anything"));
    assertTrue(scanner.mayMatch("a key with no need: line", "anything"));
  }
}
