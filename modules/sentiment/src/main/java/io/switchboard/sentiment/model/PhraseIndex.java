package io.switchboard.sentiment.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token-sequence lookup: finds the longest entry starting at a position. Single words are just
 * one-token entries, so "phrases before words" falls out of longest-match-first.
 */
public final class PhraseIndex<V> {
  /** An entry that matched {@code length} tokens. */
  public record Match<V>(int length, V value) {}

  private record Entry<V>(List<String> tokens, V value) {}

  private final Map<String, List<Entry<V>>> byFirstToken = new HashMap<>();
  private int size;

  public void put(List<String> tokens, V value) {
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("empty phrase");
    }
    List<Entry<V>> bucket = byFirstToken.computeIfAbsent(tokens.get(0), k -> new ArrayList<>());
    bucket.removeIf(e -> e.tokens().equals(tokens)); // later lines override earlier ones
    bucket.add(new Entry<>(List.copyOf(tokens), value));
    bucket.sort(Comparator.comparingInt((Entry<V> e) -> e.tokens().size()).reversed());
    size++;
  }

  /** The longest entry matching {@code tokens} from {@code start}, or null. */
  public Match<V> longestAt(List<Token> tokens, int start) {
    List<Entry<V>> bucket = byFirstToken.get(tokens.get(start).text());
    if (bucket == null) {
      return null;
    }
    for (Entry<V> e : bucket) {
      if (matches(e.tokens(), tokens, start)) {
        return new Match<>(e.tokens().size(), e.value());
      }
    }
    return null;
  }

  public int size() {
    return size;
  }

  private static boolean matches(List<String> phrase, List<Token> tokens, int start) {
    if (start + phrase.size() > tokens.size()) {
      return false;
    }
    for (int k = 0; k < phrase.size(); k++) {
      if (!phrase.get(k).equals(tokens.get(start + k).text())) {
        return false;
      }
    }
    return true;
  }
}
