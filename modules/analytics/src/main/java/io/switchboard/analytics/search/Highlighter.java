package io.switchboard.analytics.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Snippets of a hit: the transcript lines where the query's words occur, with the matched words as
 * {@code marks} — {@code [start, end)} offsets in UTF-16 code units of the snippet's {@code text},
 * the unit JavaScript strings use. The text stays plain text: the dashboard wraps the marked ranges
 * in {@code <mark>} elements itself, so nothing said on a call can ever be rendered as HTML.
 *
 * <p>Lines matching more distinct words come first in the choice; the chosen ones are returned in
 * transcript order. A long line is cut to a window around its first match, with "…" at the cut.
 */
public final class Highlighter {
  private Highlighter() {}

  public static final int MAX_SNIPPETS = 3;
  /** Longest snippet text, in characters (the cut ends get an ellipsis on top). */
  static final int WINDOW = 180;
  /** How much text before the first match a cut window keeps. */
  static final int LEAD = 50;
  private static final String ELLIPSIS = "…";

  private record Candidate(JsonObject line, String text, List<int[]> marks, int distinct) {}

  /** Up to {@link #MAX_SNIPPETS} snippets of {@code transcript} ({@code [{seq, role, text, ts}]}). */
  public static JsonArray snippets(JsonArray transcript, List<SearchTerms.Term> terms) {
    JsonArray out = new JsonArray();
    if (transcript == null || terms.isEmpty()) {
      return out;
    }
    List<Candidate> candidates = new ArrayList<>();
    for (Object o : transcript) {
      if (!(o instanceof JsonObject line) || !(line.getValue("text") instanceof String text)) {
        continue;
      }
      List<int[]> marks = new ArrayList<>();
      Set<SearchTerms.Term> hit = new HashSet<>();
      for (SearchWords.Token t : SearchWords.tokens(text)) {
        for (SearchTerms.Term term : terms) {
          if (term.matches(t.word())) {
            marks.add(new int[] {t.start(), t.end()});
            hit.add(term);
            break;
          }
        }
      }
      if (!marks.isEmpty()) {
        candidates.add(new Candidate(line, text, marks, hit.size()));
      }
    }
    List<Candidate> chosen = new ArrayList<>(candidates);
    // stable sort: among equals the earlier line wins
    chosen.sort(Comparator.comparingInt((Candidate c) -> -c.distinct()));
    chosen = new ArrayList<>(chosen.subList(0, Math.min(MAX_SNIPPETS, chosen.size())));
    chosen.sort(Comparator.comparingInt(candidates::indexOf));
    for (Candidate c : chosen) {
      out.add(cut(c));
    }
    return out;
  }

  private static JsonObject cut(Candidate c) {
    String text = c.text();
    int from = 0;
    int to = text.length();
    if (text.length() > WINDOW) {
      int first = c.marks().get(0)[0];
      from = Math.max(0, Math.min(first - LEAD, text.length() - WINDOW));
      // start and end on a space when one is near, so no word is cut in half
      int space = text.lastIndexOf(' ', from);
      if (from > 0 && space >= 0 && from - space < 15) {
        from = space + 1;
      }
      to = Math.min(text.length(), from + WINDOW);
      int endSpace = text.indexOf(' ', to);
      if (to < text.length() && endSpace >= 0 && endSpace - to < 15) {
        to = endSpace;
      }
      // never cut a surrogate pair
      if (from > 0 && Character.isLowSurrogate(text.charAt(from))) {
        from--;
      }
      if (to < text.length() && Character.isLowSurrogate(text.charAt(to))) {
        to++;
      }
    }
    String prefix = from > 0 ? ELLIPSIS : "";
    String suffix = to < text.length() ? ELLIPSIS : "";
    int shift = prefix.length() - from;
    JsonArray marks = new JsonArray();
    for (int[] m : c.marks()) {
      if (m[0] >= from && m[1] <= to) {
        marks.add(new JsonArray().add(m[0] + shift).add(m[1] + shift));
      }
    }
    JsonObject line = c.line();
    return new JsonObject()
        .put("seq", line.getValue("seq"))
        .put("role", line.getValue("role"))
        .put("ts", line.getValue("ts"))
        .put("text", prefix + text.substring(from, to) + suffix)
        .put("marks", marks);
  }
}
