package io.switchboard.rules.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Word-boundary phrase matching that ignores negated mentions: "i'm not frustrated" does not say
 * "frustrated". A mention is negated when a negator stands within {@link #WINDOW} words before it
 * in the same clause — the rule the sentiment model applies to its terms (LocalModifiers: three
 * words back, stopping at a clause boundary, with the negators of its lexicon), so a rule and the
 * sentiment of the same line agree on what was negated. A phrase that itself contains a negator
 * ("not working") is matched as written.
 */
public final class PhraseMatcher {
  /** How many words back a negator still applies (LocalModifiers.WINDOW). */
  static final int WINDOW = 3;

  /** The negators of the sentiment lexicon ({@code negator} lines of lexicon.tsv). */
  static final Set<String> NEGATORS =
      Set.of(
          "not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "without", "hardly", "cannot",
          "don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "isn't", "isnt", "aren't", "arent", "wasn't", "wasnt",
          "weren't", "werent", "won't", "wont", "can't", "cant", "couldn't", "couldnt", "shouldn't", "shouldnt",
          "wouldn't", "wouldnt", "haven't", "havent", "hasn't", "hasnt", "hadn't", "ain't", "aint");

  private static final Pattern CLAUSE = Pattern.compile("[.,;:!?…]+|\\s[-–—]+\\s|\\bbut\\b");
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");

  private final List<List<String>> phrases = new ArrayList<>();
  private final boolean negationSafe;

  public PhraseMatcher(List<String> phrases, boolean negationSafe) {
    for (String p : phrases) {
      List<String> words = words(p);
      if (!words.isEmpty()) {
        this.phrases.add(words);
      }
    }
    this.negationSafe = negationSafe;
  }

  /** True when the text says one of the phrases, not negated. */
  public boolean matches(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    for (String clause : CLAUSE.split(normalise(text))) {
      List<String> words = words(clause);
      for (List<String> phrase : phrases) {
        if (matchesIn(words, phrase)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean matchesIn(List<String> words, List<String> phrase) {
    boolean phraseNegates = phrase.stream().anyMatch(NEGATORS::contains);
    for (int i = 0; i + phrase.size() <= words.size(); i++) {
      if (words.subList(i, i + phrase.size()).equals(phrase) && (!negationSafe || phraseNegates || !negated(words, i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean negated(List<String> words, int start) {
    for (int i = start - 1; i >= 0 && i >= start - WINDOW; i--) {
      if (NEGATORS.contains(words.get(i))) {
        return true;
      }
    }
    return false;
  }

  private static String normalise(String text) {
    return text.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'').replace('`', '\'');
  }

  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : NON_WORD.split(normalise(text))) {
      String t = w.replaceAll("^'+|'+$", "");
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }
}
