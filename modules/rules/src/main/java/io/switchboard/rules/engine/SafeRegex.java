package io.switchboard.rules.engine;

import io.switchboard.platform.text.BoundedText;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A rule's regular expression, guarded twice against catastrophic backtracking: a pattern with a
 * quantified group that itself contains an unbounded quantifier ({@code (a+)+}, {@code (\w*\s?)*})
 * is refused when the rule is saved, and every match runs over a {@link CharSequence} that aborts
 * once the matcher has read {@link #BUDGET} characters (platform {@link BoundedText}) (overlapping alternations such as
 * {@code (a|aa)+} slip past any static check; the budget stops them too). A match that runs out of
 * budget counts as no match.
 */
public final class SafeRegex {
  /** Character reads one match may make (a normal line needs a few thousand). */
  public static final long BUDGET = 200_000;

  /** Thrown for a pattern that cannot be compiled or could backtrack catastrophically. */
  public static final class Refused extends IllegalArgumentException {
    public Refused(String message) {
      super(message);
    }
  }

  private final Pattern pattern;
  private final long budget;

  private SafeRegex(Pattern pattern, long budget) {
    this.pattern = pattern;
    this.budget = budget;
  }

  public static SafeRegex compile(String regex, boolean caseSensitive) {
    return compile(regex, caseSensitive, BUDGET);
  }

  static SafeRegex compile(String regex, boolean caseSensitive, long budget) {
    String nested = nestedQuantifier(regex);
    if (nested != null) {
      throw new Refused("pattern could backtrack catastrophically: nested quantifier at " + nested);
    }
    try {
      return new SafeRegex(Pattern.compile(regex, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), budget);
    } catch (PatternSyntaxException e) {
      throw new Refused("invalid pattern: " + e.getDescription() + " at index " + e.getIndex());
    }
  }

  /** Outcome of one bounded match. */
  public enum Result {
    MATCH,
    NO_MATCH,
    ABORTED
  }

  public Result find(String text) {
    if (text == null) {
      return Result.NO_MATCH;
    }
    Matcher m = pattern.matcher(BoundedText.reads(text, budget));
    try {
      return m.find() ? Result.MATCH : Result.NO_MATCH;
    } catch (BoundedText.Exhausted e) {
      return Result.ABORTED;
    }
  }

  /**
   * Where a quantified group holds an unbounded quantifier ("(a+)+" → "index 4"), or null. Escapes
   * and character classes are skipped; bounded repeats {@code {n}} / {@code {n,m}} count as bounded.
   */
  static String nestedQuantifier(String regex) {
    Deque<boolean[]> groups = new ArrayDeque<>(); // per open group: [contains an unbounded quantifier]
    boolean lastGroupHadUnbounded = false;
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
        lastGroupHadUnbounded = false;
        continue;
      }
      if (inClass) {
        if (c == ']') {
          inClass = false;
        }
        continue;
      }
      switch (c) {
        case '[' -> {
          inClass = true;
          lastGroupHadUnbounded = false;
        }
        case '(' -> groups.push(new boolean[] {false});
        case ')' -> {
          boolean[] g = groups.isEmpty() ? new boolean[] {false} : groups.pop();
          lastGroupHadUnbounded = g[0];
          if (g[0] && !groups.isEmpty()) {
            groups.peek()[0] = true;
          }
          continue;
        }
        case '*', '+' -> {
          if (lastGroupHadUnbounded) {
            return "index " + i;
          }
          markUnbounded(groups);
        }
        case '{' -> {
          int close = regex.indexOf('}', i);
          if (close > i) {
            String body = regex.substring(i + 1, close);
            boolean unbounded = body.endsWith(",") || bigRepeat(body);
            if (unbounded && lastGroupHadUnbounded) {
              return "index " + i;
            }
            if (unbounded) {
              markUnbounded(groups);
            }
            i = close;
          }
        }
        default -> {
          // '?' after a quantifier makes it lazy: still a quantifier of what came before
        }
      }
      if (c != '?') {
        lastGroupHadUnbounded = false;
      }
    }
    return null;
  }

  private static boolean bigRepeat(String body) {
    String[] parts = body.split(",");
    try {
      return Integer.parseInt(parts[parts.length - 1].trim()) > 10;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void markUnbounded(Deque<boolean[]> groups) {
    if (!groups.isEmpty()) {
      groups.peek()[0] = true;
    }
  }
}
