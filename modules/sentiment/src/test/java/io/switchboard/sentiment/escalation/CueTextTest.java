package io.switchboard.sentiment.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link CueText#normalise} gives what the two regex replacements it replaced gave, on text dense
 * in the characters those regexes treat specially: runs of dots and dashes, every kind of space
 * (including ones {@code \s} does not match but {@code strip()} does), the clause punctuation, the
 * three apostrophes, and letters whose lower case is longer than they are.
 */
class CueTextTest {
  private static final Pattern PUNCTUATION = Pattern.compile("[,;:!?\"()\\[\\]…]|\\.+(?=\\s|$)|\\s-+\\s");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /** The definition: what {@code EscalationPatterns.normalise} was. */
  static String byRegex(String text) {
    String t = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'').replace('`', '\'');
    t = PUNCTUATION.matcher(t).replaceAll(" ");
    return SPACES.matcher(t).replaceAll(" ").strip();
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<Character> special = Arbitraries.of(
        '.', '.', '-', '-', ' ', ' ', '\t', '\n', '\r', '\u000B', '\f', '\u001C', '\u2003', '\u00A0',
        ',', ';', ':', '!', '?', '"', '(', ')', '[', ']', '…', '\u2019', '\u2018', '`', '\'', '~', 'İ', 'Σ', '3');
    Arbitrary<Character> letter = Arbitraries.chars().range('a', 'e').with('A', 'Z', 'é');
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, special), net.jqwik.api.Tuple.of(2, letter))
        .list().ofMaxSize(24)
        .map(cs -> {
          StringBuilder sb = new StringBuilder();
          cs.forEach(sb::append);
          return sb.toString();
        });
  }

  @Property(tries = 20000)
  void givesWhatTheRegexesGave(@ForAll("texts") String text) {
    String expected = byRegex(text);
    assertEquals(expected, CueText.normalise(text), () -> "on \"" + text.replace("\n", "\\n") + "\"");
    Statistics.label("changed by punctuation").collect(!expected.equals(SPACES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip()));
  }

  @Example
  void theCasesThatNeedCare() {
    for (String text : new String[] {
        "Well, I want a MANAGER... now!", "I\u2019m   leaving.", "3.5 pounds. e.g. this", "a..b", "a.. b", "end...",
        "a - b", "a - - b", "a  -- b", "a -b", "a- b", "a ,- b", "a. - b", " - ", "-", "\u001Cx\u001C", "\u2003a\u2003",
        "", "   ", "İstanbul", "x\n-\ny"}) {
      assertEquals(byRegex(text), CueText.normalise(text), text);
    }
    assertEquals("", CueText.normalise(null));
  }
}
