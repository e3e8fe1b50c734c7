package io.switchboard.sentiment.escalation;

import java.util.Locale;

/**
 * The one form every escalation cue is matched against: lower case, one kind of apostrophe, clause
 * punctuation turned into spaces, runs of spaces collapsed. STT engines differ in punctuation; the
 * cues must not.
 *
 * <p>It reads like two regex replacements — {@code [,;:!?"()\[\]…]|\.+(?=\s|$)|\s-+\s} with a space,
 * then {@code \s+} with one space, then {@link String#strip()} — and was written that way until it
 * ran twice per customer line (their text and the agent's turn) at ≈ 13 % of sentiment's time. It is
 * one pass now; {@code CueTextTest} checks it against those regexes on generated text.
 */
final class CueText {
  private CueText() {}

  static String normalise(String text) {
    if (text == null) {
      return "";
    }
    String t = text.toLowerCase(Locale.ROOT);
    int n = t.length();
    StringBuilder out = new StringBuilder(n);
    boolean space = false; // the last character written is a (collapsed) space
    int i = 0;
    while (i < n) {
      char c = t.charAt(i);
      int next = i + 1;
      boolean blank;
      if (isRegexSpace(c)) {
        // "\s-+\s": a dash between spaces is a pause, not a hyphen; both spaces go with it
        int j = next;
        while (j < n && t.charAt(j) == '-') {
          j++;
        }
        if (j > next && j < n && isRegexSpace(t.charAt(j))) {
          next = j + 1;
        }
        blank = true;
      } else if (c == '.') {
        // "\.+(?=\s|$)": full stops and ellipses end a clause; a dot inside "3.5" or "e.g" stays
        int j = next;
        while (j < n && t.charAt(j) == '.') {
          j++;
        }
        blank = j == n || isRegexSpace(t.charAt(j));
        if (!blank) {
          out.append(t, i, j);
          space = false;
          i = j;
          continue;
        }
        next = j;
      } else {
        blank = isClausePunctuation(c);
      }
      if (blank) {
        if (!space) {
          out.append(' ');
          space = true;
        }
      } else {
        out.append(c == '\u2019' || c == '\u2018' || c == '`' ? '\'' : c);
        space = false;
      }
      i = next;
    }
    return out.toString().strip();
  }

  /** {@code \s} of java.util.regex without UNICODE_CHARACTER_CLASS: {@code [ \t\n\x0B\f\r]}. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private static boolean isClausePunctuation(char c) {
    return switch (c) {
      case ',', ';', ':', '!', '?', '"', '(', ')', '[', ']', '…' -> true;
      default -> false;
    };
  }
}
