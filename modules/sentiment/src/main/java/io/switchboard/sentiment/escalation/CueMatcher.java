package io.switchboard.sentiment.escalation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code find()} of an OR of regular expressions, without trying every alternative at every
 * position. The combined {@code (?:a)|(?:b)|…} of a cue key holds up to 45 alternatives, most of
 * them {@code \b(word|word…)…}; {@link Pattern#find} tries all of them at every character of the
 * line, which made the escalation cues the largest CPU cost per customer line (bench/BOTTLENECKS.md).
 *
 * <p>Here each alternative is asked once, when the matcher is built, at which positions a match
 * could start: for each kind of preceding character (none, a word character, anything else — all
 * that {@code ^}, {@code \b} and {@code \B} look at; the cue patterns use no lookbehind) and each
 * ASCII character at the position, {@link Matcher#hitEnd()} on that one character tells whether more
 * input could still make it match (false means no continuation can). Where more than one
 * alternative survives the first character (a word start, "t": talk, transfer, the, …) the same
 * question is asked of them again with each printable next character, and where more than one
 * survives two, with a third, so a position usually runs none or one of them (half the sentiment
 * verticle's CPU per line, bench/BOTTLENECKS.md, session 8; the third character, session 14).
 * A line is then scanned once;
 * at each position only the alternatives that can start there run, anchored there. Same answer as
 * {@code Pattern.compile(a|b|…).matcher(text).find()} for every text — {@code CueMatcherTest} checks
 * it against the plain regex; non-ASCII characters and combining marks take the full list.
 */
final class CueMatcher {
  private static final int START = 0;
  private static final int AFTER_WORD = 1;
  private static final int AFTER_OTHER = 2;
  private static final String[] CONTEXT = {"", "a", " "};
  private static final int ASCII = 128;
  private static final int FEW = 1;
  /** Back-references, quoting and class intersections: left as written by {@link #withoutCaptures}. */
  private static final Pattern UNTOUCHABLE = Pattern.compile("\\\\(?:[1-9]|k<|Q)|&&");
  private static final char FIRST_PRINTABLE = ' ';
  private static final char LAST_PRINTABLE = '~';
  private static final int PRINTABLE = LAST_PRINTABLE - FIRST_PRINTABLE + 1;

  private final Pattern[] alternatives;
  /** [context][ascii char] → indexes of the alternatives that can match from there. */
  private final int[][][] candidates;
  /**
   * [context][ascii char][next printable ascii char - ' '] → the alternatives that can match from
   * there, for the first characters after which more than {@link #FEW} alternatives remain; null
   * rows: the one-character list is short enough.
   */
  private final int[][][][] candidates2;
  /**
   * [context][ascii char][next printable - ' '][the one after it, printable - ' '] → the same
   * question a third character further, where more than {@link #FEW} alternatives remain after two;
   * null: the two-character list is short enough. Each alternative tried at a position is the first
   * touch of its matcher on the line (≈ 60–100 ns), a table step a few (bench/BOTTLENECKS.md, session 14).
   */
  private final int[][][][][] candidates3;
  /** [context] → alternatives that can match the empty rest of the line (at its end). */
  private final int[][] atEnd;
  private final int[] all;
  private final ThreadLocal<Matcher[]> reusable;

  private CueMatcher(
      Pattern[] alternatives, int[] all, int[][][] candidates, int[][][][] candidates2, int[][][][][] candidates3, int[][] atEnd) {
    this.alternatives = alternatives;
    this.candidates = candidates;
    this.candidates2 = candidates2;
    this.candidates3 = candidates3;
    this.atEnd = atEnd;
    this.all = all;
    this.reusable = ThreadLocal.withInitial(() -> {
      Matcher[] ms = new Matcher[alternatives.length];
      for (int i = 0; i < ms.length; i++) {
        ms[i] = alternatives[i].matcher("").useTransparentBounds(true).useAnchoringBounds(false);
      }
      return ms;
    });
  }

  static CueMatcher of(List<Pattern> alternatives) {
    Pattern[] alts = alternatives.stream().map(CueMatcher::withoutCaptures).toArray(Pattern[]::new);
    int[] all = new int[alts.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    int[][][] candidates = new int[CONTEXT.length][ASCII][];
    int[][][][] candidates2 = new int[CONTEXT.length][ASCII][][];
    int[][][][][] candidates3 = new int[CONTEXT.length][ASCII][][][];
    int[][] atEnd = new int[CONTEXT.length][];
    for (int ctx = 0; ctx < CONTEXT.length; ctx++) {
      for (int c = 0; c < ASCII; c++) {
        int[] first = possible(alts, all, CONTEXT[ctx], String.valueOf((char) c));
        candidates[ctx][c] = first;
        if (first.length > FEW) {
          // the same question one character further, asked only of the alternatives still in
          int[][] row = new int[PRINTABLE][];
          int[][][] rows3 = new int[PRINTABLE][][];
          for (char d = FIRST_PRINTABLE; d <= LAST_PRINTABLE; d++) {
            String two = String.valueOf((char) c) + d;
            int[] second = possible(alts, first, CONTEXT[ctx], two);
            row[d - FIRST_PRINTABLE] = second;
            if (second.length > FEW) {
              int[][] row3 = new int[PRINTABLE][];
              for (char e = FIRST_PRINTABLE; e <= LAST_PRINTABLE; e++) {
                row3[e - FIRST_PRINTABLE] = possible(alts, second, CONTEXT[ctx], two + e);
              }
              rows3[d - FIRST_PRINTABLE] = row3;
            }
          }
          candidates2[ctx][c] = row;
          candidates3[ctx][c] = rows3;
        }
      }
      atEnd[ctx] = possible(alts, all, CONTEXT[ctx], "");
    }
    return new CueMatcher(alts, all, candidates, candidates2, candidates3, atEnd);
  }

  /**
   * The same pattern with its capturing groups made non-capturing: only "is there a match" is
   * asked, and every {@link Matcher#region} and {@link Pattern#matcher} clears the group arrays,
   * which for the cue patterns' dozen groups was the largest part of a scan. Patterns with a
   * back-reference, a {@code \\Q} quote or a class intersection (none today) stay as written.
   */
  static Pattern withoutCaptures(Pattern pattern) {
    String regex = pattern.pattern();
    if (UNTOUCHABLE.matcher(regex).find()) {
      return pattern;
    }
    StringBuilder out = new StringBuilder(regex.length() + 16);
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        out.append(c).append(regex.charAt(++i));
        continue;
      }
      if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
        if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
          out.append(c).append(regex.charAt(++i)); // a ']' first in a class is a literal
          continue;
        }
      } else if (c == '(' && (i + 1 >= regex.length() || regex.charAt(i + 1) != '?')) {
        out.append("(?:");
        continue;
      }
      out.append(c);
    }
    return Pattern.compile(out.toString(), pattern.flags());
  }

  /** Those of {@code among} that match, or could match with more input, right after {@code context}. */
  private static int[] possible(Pattern[] alts, int[] among, String context, String rest) {
    String probe = context + rest;
    List<Integer> out = new ArrayList<>();
    for (int i : among) {
      Matcher m = alts[i].matcher(probe);
      m.useTransparentBounds(true).useAnchoringBounds(false).region(context.length(), probe.length());
      if (m.lookingAt() || (!rest.isEmpty() && m.hitEnd())) {
        out.add(i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  boolean find(String text) {
    int n = text.length();
    // matchers are reused per thread (the rules run on several event loops at once): building
    // one allocates and clears its state arrays, which cost as much as the matching itself
    Matcher[] matchers = reusable.get();
    boolean[] onText = new boolean[alternatives.length];
    for (int p = 0; p <= n; p++) {
      int[] tryHere = tryAt(text, p, n);
      for (int i : tryHere) {
        Matcher m = matchers[i];
        if (!onText[i]) {
          m.reset(text);
          onText[i] = true;
        }
        m.region(p, n);
        if (m.lookingAt()) {
          return true;
        }
      }
    }
    return false;
  }

  private int[] tryAt(String text, int p, int n) {
    int ctx;
    if (p == 0) {
      ctx = START;
    } else {
      char before = text.charAt(p - 1);
      if (before >= ASCII || Character.isSurrogate(before)) {
        return all; // a combining mark or a non-ASCII letter: \b's rules get subtle, ask everyone
      }
      ctx = before == '_' || Character.isLetterOrDigit(before) ? AFTER_WORD : AFTER_OTHER;
    }
    if (p == n) {
      return atEnd[ctx];
    }
    char c = text.charAt(p);
    if (c >= ASCII) {
      return all;
    }
    int[][] row = candidates2[ctx][c];
    if (row != null && p + 1 < n) {
      char d = text.charAt(p + 1);
      if (d >= FIRST_PRINTABLE && d <= LAST_PRINTABLE) {
        int[][] row3 = candidates3[ctx][c][d - FIRST_PRINTABLE];
        if (row3 != null && p + 2 < n) {
          char e = text.charAt(p + 2);
          if (e >= FIRST_PRINTABLE && e <= LAST_PRINTABLE) {
            return row3[e - FIRST_PRINTABLE];
          }
        }
        return row[d - FIRST_PRINTABLE];
      }
    }
    return candidates[ctx][c];
  }
}
