package io.switchboard.sentiment.model;

import java.util.List;

/**
 * Spots the sarcastic praise typical of complaints ("oh wonderful, another hour on hold", "oh
 * brilliant, it crashed again"). Fixed sarcastic phrases ("thanks for nothing", "just great") are
 * plain negative lexicon entries; this class handles the productive pattern: a positive word
 * introduced by an interjection while the customer is complaining, or followed by "another".
 */
public final class SarcasmDetector {
  /** How far (in words) an interjection may sit before the praise word ("oh how wonderful"). */
  static final int CUE_WINDOW = 2;
  /** How far (in tokens) "another" may follow it ("great, yet another transfer"). */
  static final int FOLLOWUP_WINDOW = 3;

  private final Lexicon lexicon;

  public SarcasmDetector(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  public boolean isSarcastic(List<Token> tokens, List<Term> terms) {
    boolean complaint = terms.stream().anyMatch(t -> t.valence() < 0);
    for (Term t : terms) {
      if (t.valence() <= 0) {
        continue;
      }
      if (complaint && cueBefore(t, tokens)) {
        return true;
      }
      if (followupAfter(t, tokens)) {
        return true;
      }
    }
    return false;
  }

  private boolean cueBefore(Term t, List<Token> tokens) {
    int words = 0;
    for (int i = t.start() - 1; i >= 0 && words < CUE_WINDOW; i--) {
      Token tok = tokens.get(i);
      if (tok.endsSentence()) {
        return false;
      }
      if (tok.punctuation()) {
        continue;
      }
      words++;
      if (lexicon.isSarcasmCue(tok.text())) {
        return true;
      }
    }
    return false;
  }

  private boolean followupAfter(Term t, List<Token> tokens) {
    for (int i = t.end(); i < tokens.size() && i < t.end() + FOLLOWUP_WINDOW; i++) {
      if (tokens.get(i).endsSentence()) {
        return false;
      }
      if (lexicon.isSarcasmFollowup(tokens.get(i).text())) {
        return true;
      }
    }
    return false;
  }
}
