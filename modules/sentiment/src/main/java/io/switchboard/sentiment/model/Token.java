package io.switchboard.sentiment.model;

/**
 * One token of an utterance.
 *
 * @param text lower-cased word, or a single punctuation character
 * @param shouted the word was written in capitals (emphasis in chat / some STT output)
 * @param punctuation true for {@code . , ! ? ; :}
 */
public record Token(String text, boolean shouted, boolean punctuation) {
  /** Punctuation that ends a clause (negation and intensifiers do not reach across it). */
  public boolean endsClause() {
    return punctuation;
  }

  /** Punctuation that ends a sentence. */
  public boolean endsSentence() {
    return punctuation && (text.equals(".") || text.equals("!") || text.equals("?"));
  }
}
