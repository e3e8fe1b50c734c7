package io.switchboard.analytics.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The words of a search query: every word must occur in the call; a word ending in {@code *}
 * matches any word it starts ({@code refund*} finds "refunded"). Everything that is not a word
 * character is a separator, so a query can never smuggle an operator or a regex into the filter.
 */
public final class SearchTerms {
  private SearchTerms() {}

  public static final int MAX_TERMS = 8;
  /** A prefix shorter than this would match most of the vocabulary: refused. */
  static final int MIN_PREFIX_CHARS = 2;

  /** One word of the query, normalised like the archive's words. */
  public record Term(String word, boolean prefix) {
    public boolean matches(String candidate) {
      return prefix ? candidate.startsWith(word) : candidate.equals(word);
    }
  }

  /** The terms of {@code q} (empty for a blank query); IllegalArgumentException naming {@code q}. */
  public static List<Term> parse(String q) {
    Set<Term> out = new LinkedHashSet<>();
    if (q == null) {
      return List.of();
    }
    List<SearchWords.Token> tokens = SearchWords.tokens(q);
    for (SearchWords.Token t : tokens) {
      boolean prefix = t.end() < q.length() && q.charAt(t.end()) == '*';
      if (t.word().length() > SearchWords.MAX_WORD_CHARS) {
        throw new IllegalArgumentException("q: a word is at most " + SearchWords.MAX_WORD_CHARS + " characters");
      }
      if (prefix && t.word().length() < MIN_PREFIX_CHARS) {
        throw new IllegalArgumentException("q: a prefix (word*) needs at least " + MIN_PREFIX_CHARS + " characters");
      }
      out.add(new Term(t.word(), prefix));
    }
    if (out.size() > MAX_TERMS) {
      throw new IllegalArgumentException("q: at most " + MAX_TERMS + " words, got " + out.size());
    }
    return new ArrayList<>(out);
  }
}
