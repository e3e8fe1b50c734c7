package io.switchboard.sentiment.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link CueMatcher} answers exactly what the combined regex's {@code find()} answers, for texts
 * made of the cue vocabulary itself (so that many of them match), stray punctuation, digits,
 * apostrophes, the mask's {@code ~} and non-ASCII letters and combining marks.
 */
class CueMatcherTest {
  private static final List<String> KEYS;
  private static final EscalationPatterns FAST = EscalationPatterns.loadDefault();
  private static final EscalationPatterns PLAIN = FAST.withoutPrefilters();
  private static final List<String> VOCABULARY;

  static {
    KEYS = FAST.keys().stream().filter(k -> !k.startsWith("mask:")).sorted().toList();
    Set<String> words = new TreeSet<>();
    try (InputStream in = EscalationPatterns.class.getResourceAsStream(EscalationPatterns.DEFAULT_RESOURCE)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || !line.contains("\t")) {
          continue;
        }
        for (String w : line.substring(line.indexOf('\t') + 1).split("[^a-z']+")) {
          if (w.length() > 1) {
            words.add(w);
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    words.addAll(List.of("i", "a", "my", "the", "you", "me", "is", "this", "it", "to", "not", "no", "and", "~"));
    VOCABULARY = List.copyOf(words);
  }

  @Provide
  Arbitrary<String> utterances() {
    Arbitrary<String> word = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(20, Arbitraries.of(VOCABULARY)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("é", "ça", "naïve", "e\u0301", "x_y", "42", "'", "-", "b:lx3k:1a", "~", "ß", "日本")),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(4)));
    Arbitrary<String> separator = Arbitraries.of(" ", " ", " ", "", "  ", "'");
    return Combinators.combine(word.list().ofMinSize(1).ofMaxSize(14), separator.list().ofSize(14))
        .as((ws, seps) -> {
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < ws.size(); i++) {
            sb.append(ws.get(i)).append(i + 1 < ws.size() ? seps.get(i) : "");
          }
          return sb.toString();
        });
  }

  @Property(tries = 4000)
  void answersWhatTheCombinedRegexAnswers(@ForAll("utterances") String text) {
    boolean any = false;
    for (String key : KEYS) {
      boolean plain = PLAIN.matches(key, text);
      assertEquals(plain, FAST.matches(key, text), () -> key + " on \"" + text + "\"");
      any |= plain;
    }
    Statistics.label("matches a cue").collect(any);
  }

  @Property(tries = 3000)
  void theGeneratorReachesTheCues(@ForAll("utterances") String text) {
    // not vacuous: the vocabulary makes a good share of utterances match some cue (≈ 15 %; with
    // 300 tries a random seed fell under 10 % once in CI, so many tries and a margin of 5 σ)
    Statistics.label("any").collect(KEYS.stream().anyMatch(k -> PLAIN.matches(k, text)));
    Statistics.label("any").coverage(c -> c.check(true).percentage(p -> p > 8.0));
  }

  @Example
  void matchesOnlyWhereAnAlternativeCanStart() {
    CueMatcher m = CueMatcher.of(List.of(Pattern.compile("\\bcancel\\b"), Pattern.compile("^operator$"), Pattern.compile("x?$")));
    assertTrue(m.find("i want to cancel"));
    assertFalse(CueMatcher.of(List.of(Pattern.compile("\\bcancel\\b"))).find("uncancelled"));
    assertTrue(m.find("")); // x?$ matches the empty line, at its end
    assertTrue(CueMatcher.of(List.of(Pattern.compile("^operator$"))).find("operator"));
    assertFalse(CueMatcher.of(List.of(Pattern.compile("^operator$"))).find("an operator"));
    assertTrue(CueMatcher.of(List.of(Pattern.compile("\\bé"))).find("café é"));
    assertEquals(Pattern.compile("\\Bcel").matcher("cancel").find(), CueMatcher.of(List.of(Pattern.compile("\\Bcel"))).find("cancel"));

  }

  @Example
  void looksAtTheNextCharacterOnlyWhereItCan() {
    // more than two alternatives start with "c": the matcher narrows them by the next character
    CueMatcher m = CueMatcher.of(List.of(Pattern.compile("\\bcancel\\b"), Pattern.compile("\\bcall (you|me)\\b"),
        Pattern.compile("\\bcare\\b"), Pattern.compile("\\bc\\b"), Pattern.compile("\\bc\\tx")));
    assertTrue(m.find("i will cancel"));
    assertTrue(m.find("please call me"));
    assertFalse(m.find("please call them"));
    assertTrue(m.find("take care"));
    assertTrue(m.find("plan c")); // the first character is the last of the line
    assertTrue(m.find("c\tx")); // a next character outside the table takes the first-character list
    assertFalse(m.find("cx"));
  }

  @Example
  void dropsCapturesOnlyWhereNothingReadsThem() {
    Pattern p = CueMatcher.withoutCaptures(Pattern.compile("\\b(a|b)[(]c\\(d(?:e)(f)?"));
    assertEquals("\\b(?:a|b)[(]c\\(d(?:e)(?:f)?", p.pattern());
    assertEquals(0, p.matcher("").groupCount());
    assertEquals("(a)\\1", CueMatcher.withoutCaptures(Pattern.compile("(a)\\1")).pattern());
    assertEquals("\\Q(a)\\E", CueMatcher.withoutCaptures(Pattern.compile("\\Q(a)\\E")).pattern());
    assertEquals("[]()](?:x)", CueMatcher.withoutCaptures(Pattern.compile("[]()](x)")).pattern());
  }

  @Example
  void threadsSharingTheMatcherGetTheirOwnAnswers() throws Exception {
    List<String> texts = List.of("i want to speak to a manager", "thanks that is great", "i will cancel my account today",
        "this is the third time i call", "put me through to a supervisor please", "okay that works");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<String>> runs = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        runs.add(pool.submit(() -> {
          for (int i = 0; i < 3000; i++) {
            String text = texts.get((i + offset) % texts.size());
            for (String key : KEYS) {
              if (PLAIN.matches(key, text) != FAST.matches(key, text)) {
                return key + " on " + text;
              }
            }
          }
          return "";
        }));
      }
      for (var r : runs) {
        assertEquals("", r.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
