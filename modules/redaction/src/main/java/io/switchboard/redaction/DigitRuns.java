package io.switchboard.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds runs of digits in a line however ASR or a person wrote them: "4111 1111 1111 1111",
 * "4111-1111-…", "four one one one …", "oh" for zero, "double five", "twenty six", digits mixed
 * with words ("4111 one one one"), with fillers ("uh") and spoken dashes in between. Each run
 * keeps the character span it covers in the original text, so the caller can replace it.
 */
final class DigitRuns {
  private DigitRuns() {}

  enum Kind { WORD, NUMBER, SYMBOL }

  record Token(int start, int end, String text, Kind kind) {}

  /** One spoken or written digit group inside a run. */
  record Unit(int start, int end, String digits, boolean oh, boolean written) {}

  /**
   * A run of digit units. {@code plus} when it is preceded by "+" or "plus"; {@code paren} when a
   * "(" opened it; {@code groups} the digit count of each unit as written.
   */
  record Run(List<Unit> units, boolean plus, boolean paren, int spanStart) {
    String digits() {
      StringBuilder sb = new StringBuilder();
      units.forEach(u -> sb.append(u.digits()));
      return sb.toString();
    }

    int start() {
      return spanStart;
    }

    int end() {
      return units.get(units.size() - 1).end();
    }

    boolean spoken() {
      return units.stream().anyMatch(u -> !u.written());
    }

    List<Integer> groups() {
      return units.stream().map(u -> u.digits().length()).toList();
    }

    Run sub(int from, int to) {
      Unit first = units.get(from);
      return new Run(List.copyOf(units.subList(from, to)), from == 0 && plus, from == 0 && paren, from == 0 ? spanStart : first.start());
    }
  }

  private static final Map<String, String> DIGIT_WORDS = Map.ofEntries(
      Map.entry("zero", "0"), Map.entry("oh", "0"), Map.entry("o", "0"), Map.entry("nought", "0"), Map.entry("nil", "0"),
      Map.entry("one", "1"), Map.entry("two", "2"), Map.entry("three", "3"), Map.entry("four", "4"),
      Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"), Map.entry("eight", "8"), Map.entry("nine", "9"),
      Map.entry("ten", "10"), Map.entry("eleven", "11"), Map.entry("twelve", "12"), Map.entry("thirteen", "13"),
      Map.entry("fourteen", "14"), Map.entry("fifteen", "15"), Map.entry("sixteen", "16"), Map.entry("seventeen", "17"),
      Map.entry("eighteen", "18"), Map.entry("nineteen", "19"));
  private static final Map<String, String> TENS = Map.of(
      "twenty", "2", "thirty", "3", "forty", "4", "fifty", "5", "sixty", "6", "seventy", "7", "eighty", "8", "ninety", "9");
  private static final Set<String> FILLERS = Set.of("uh", "um", "umm", "er", "erm", "ah", "hmm", "dash", "hyphen", "slash", "space");
  private static final String JOIN_SYMBOLS = "-,()/.";
  /** Fillers and separators allowed between two units of one run. */
  private static final int MAX_JOINERS = 2;

  static List<Token> tokens(CharSequence text) {
    List<Token> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetterOrDigit(c)) {
        int j = i;
        boolean allDigits = true;
        while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '\'')) {
          allDigits &= Character.isDigit(text.charAt(j));
          j++;
        }
        String t = text.subSequence(i, j).toString();
        out.add(new Token(i, j, allDigits ? t : t.toLowerCase(java.util.Locale.ROOT), allDigits ? Kind.NUMBER : Kind.WORD));
        i = j;
      } else {
        out.add(new Token(i, i + 1, String.valueOf(c), Kind.SYMBOL));
        i++;
      }
    }
    return out;
  }

  /**
   * Whether {@link #find} could see a unit in the text (a number, a digit word, a tens word) or
   * the text has one of {@code words}; false means no run at all. Same tokens as {@code find}.
   */
  static boolean mayHold(CharSequence text, Set<String> words) {
    for (Token t : tokens(text)) {
      if (t.kind() == Kind.NUMBER
          || t.kind() == Kind.WORD && (DIGIT_WORDS.containsKey(t.text()) || TENS.containsKey(t.text()) || words.contains(t.text()))) {
        return true;
      }
    }
    return false;
  }

  static List<Run> find(CharSequence text) {
    List<Token> toks = tokens(text);
    List<Run> runs = new ArrayList<>();
    int i = 0;
    while (i < toks.size()) {
      int[] next = new int[1];
      Unit u = unit(toks, i, next);
      if (u == null) {
        i++;
        continue;
      }
      List<Unit> units = new ArrayList<>();
      units.add(u);
      int j = next[0];
      while (true) {
        int k = j;
        int joiners = 0;
        while (k < toks.size() && joiners < MAX_JOINERS && joiner(toks.get(k))) {
          k++;
          joiners++;
        }
        Unit more = k < toks.size() ? unit(toks, k, next) : null;
        if (more == null) {
          break;
        }
        units.add(more);
        j = next[0];
      }
      // a run made only of "oh"s is an interjection, not a number
      if (units.stream().anyMatch(x -> !x.oh())) {
        Token before = i > 0 ? toks.get(i - 1) : null;
        Token before2 = i > 1 ? toks.get(i - 2) : null;
        boolean paren = before != null && before.text().equals("(");
        Token sign = paren ? before2 : before;
        boolean plus = sign != null && (sign.text().equals("+") || sign.text().equals("plus"));
        int start = units.get(0).start();
        if (paren) {
          start = before.start();
        }
        if (plus && sign.end() <= start) {
          start = sign.start();
        }
        runs.add(new Run(List.copyOf(units), plus, paren, start));
      }
      i = j;
    }
    return runs;
  }

  private static boolean joiner(Token t) {
    return t.kind() == Kind.SYMBOL ? JOIN_SYMBOLS.contains(t.text()) : t.kind() == Kind.WORD && FILLERS.contains(t.text());
  }

  /** The digit unit starting at token i (next[0] = the token after it), or null. */
  private static Unit unit(List<Token> toks, int i, int[] next) {
    Token t = toks.get(i);
    if (t.kind() == Kind.NUMBER) {
      next[0] = i + 1;
      return new Unit(t.start(), t.end(), t.text(), false, true);
    }
    if (t.kind() != Kind.WORD) {
      return null;
    }
    String w = t.text();
    if ((w.equals("double") || w.equals("triple")) && i + 1 < toks.size()) {
      Token d = toks.get(i + 1);
      String digit = d.kind() == Kind.NUMBER && d.text().length() == 1 ? d.text() : DIGIT_WORDS.get(d.text());
      if (digit != null && digit.length() == 1) {
        next[0] = i + 2;
        return new Unit(t.start(), d.end(), digit.repeat(w.equals("double") ? 2 : 3), false, false);
      }
      return null;
    }
    if (TENS.containsKey(w)) {
      int j = i + 1;
      if (j < toks.size() && toks.get(j).text().equals("-")) {
        j++;
      }
      if (j < toks.size()) {
        String unit = DIGIT_WORDS.get(toks.get(j).text());
        if (unit != null && unit.length() == 1 && !unit.equals("0")) {
          next[0] = j + 1;
          return new Unit(t.start(), toks.get(j).end(), TENS.get(w) + unit, false, false);
        }
      }
      next[0] = i + 1;
      return new Unit(t.start(), t.end(), TENS.get(w) + "0", false, false);
    }
    String d = DIGIT_WORDS.get(w);
    if (d == null) {
      return null;
    }
    next[0] = i + 1;
    return new Unit(t.start(), t.end(), d, w.equals("oh") || w.equals("o"), false);
  }
}
