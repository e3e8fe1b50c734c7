package io.switchboard.sentiment.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks the tokens left to right and picks, at each position, the longest lexicon entry or clause
 * marker. Tokens inside a matched phrase are consumed, so "not bad at all" or "thanks for nothing"
 * are scored as one unit and their words are not counted again.
 */
public final class TermMatcher {
  /** A clause marker found at a token position. */
  public record MarkerAt(int position, int length, ClauseMarker marker) {}

  /** Terms and clause markers of one utterance, in order. */
  public record Matches(List<Term> terms, List<MarkerAt> markers) {}

  private final Lexicon lexicon;

  public TermMatcher(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  public Matches match(List<Token> tokens) {
    List<Term> terms = new ArrayList<>();
    List<MarkerAt> markers = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      if (tokens.get(i).punctuation()) {
        i++;
        continue;
      }
      PhraseIndex.Match<Double> term = lexicon.valences().longestAt(tokens, i);
      PhraseIndex.Match<ClauseMarker> marker = lexicon.clauseMarkers().longestAt(tokens, i);
      if (marker != null && (term == null || marker.length() > term.length())) {
        markers.add(new MarkerAt(i, marker.length(), marker.value()));
        i += marker.length();
      } else if (term != null) {
        terms.add(new Term(i, term.length(), term.value()));
        i += term.length();
      } else {
        i++;
      }
    }
    return new Matches(List.copyOf(terms), List.copyOf(markers));
  }
}
