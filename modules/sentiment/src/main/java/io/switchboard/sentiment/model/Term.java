package io.switchboard.sentiment.model;

/**
 * A lexicon entry found in an utterance.
 *
 * @param start index of its first token
 * @param length number of tokens it covers
 * @param valence lexicon polarity before any context rule
 */
public record Term(int start, int length, double valence) {
  public int end() {
    return start + length;
  }
}
