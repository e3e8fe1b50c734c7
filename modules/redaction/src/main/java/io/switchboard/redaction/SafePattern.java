package io.switchboard.redaction;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Admission check for operator-supplied patterns (account numbers). Only bounded repetition is
 * allowed ({@code ?} and {@code {m,n}}): no {@code *}, no {@code +} as a quantifier, no
 * {@code {m,}}, no back-references. With bounded quantifiers a match cannot run away on one
 * utterance; whatever remains is caught by the time budget (platform {@code BoundedText}).
 */
final class SafePattern {
  private SafePattern() {}

  /** Compiles the pattern or throws IllegalArgumentException saying what is not allowed. */
  static Pattern compile(String regex) {
    String problem = problem(regex);
    if (problem != null) {
      throw new IllegalArgumentException("pattern '" + regex + "' refused: " + problem);
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("pattern '" + regex + "' is not a valid regex: " + e.getDescription());
    }
  }

  /** Null when the pattern uses only bounded repetition, else why not. */
  static String problem(String regex) {
    boolean inClass = false;
    boolean afterQuantifier = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        if (i + 1 < regex.length() && !inClass) {
          char n = regex.charAt(i + 1);
          if (n >= '1' && n <= '9' || n == 'k') {
            return "back-references are not allowed";
          }
        }
        i++;
        afterQuantifier = false;
        continue;
      }
      if (inClass) {
        inClass = c != ']';
        continue;
      }
      switch (c) {
        case '[' -> {
          inClass = true;
          afterQuantifier = false;
        }
        case '*' -> {
          return "unbounded '*' (use {0,n})";
        }
        case '+' -> {
          if (!afterQuantifier) {
            return "unbounded '+' (use {1,n})";
          }
          afterQuantifier = false; // possessive modifier of a bounded quantifier
        }
        case '{' -> {
          int close = regex.indexOf('}', i);
          if (close < 0) {
            return "unclosed '{'";
          }
          String body = regex.substring(i + 1, close);
          if (body.endsWith(",")) {
            return "open-ended '{" + body + "}' (give an upper bound)";
          }
          i = close;
          afterQuantifier = true;
        }
        case '?' -> afterQuantifier = !afterQuantifier;
        default -> afterQuantifier = false;
      }
    }
    return null;
  }
}
