package io.switchboard.sentiment.escalation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ahocorasick.trie.PayloadTrie;

/**
 * The {@code need:} prefilters of every cue key in one Aho-Corasick automaton (org.ahocorasick):
 * one pass over a line tells which keys' substrings it holds. Asking each key's list with {@link
 * String#contains} cost ≈ 6–9 µs per customer line, the automaton's pass ≈ 1.2–1.7 µs
 * (bench/BOTTLENECKS.md, session 14). The rules ask about every key with the same normalised
 * string, so the last line scanned on each thread is remembered, by identity.
 */
final class NeedScanner {
  /** The keys an automaton's bit mask can hold; later ones are asked the plain way. */
  private static final int BITS = Long.SIZE;

  private final Map<String, Long> bitOfKey = new HashMap<>();
  private final Map<String, List<String>> askedPlainly = new HashMap<>();
  private final PayloadTrie<Long> trie;
  private final ThreadLocal<Scan> last = ThreadLocal.withInitial(Scan::new);

  private static final class Scan {
    String text;
    long keys;
  }

  /** {@code needs}: key → substrings one of which every cue of the key contains. */
  NeedScanner(Map<String, List<String>> needs) {
    Map<String, Long> keysOfNeedle = new HashMap<>();
    for (Map.Entry<String, List<String>> e : needs.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      if (e.getValue().stream().anyMatch(String::isEmpty)) {
        continue; // an empty substring is in every line: no filter
      }
      if (bitOfKey.size() == BITS) {
        askedPlainly.put(e.getKey(), List.copyOf(e.getValue()));
        continue;
      }
      long bit = 1L << bitOfKey.size();
      bitOfKey.put(e.getKey(), bit);
      for (String needle : e.getValue()) {
        keysOfNeedle.merge(needle, bit, (a, b) -> a | b);
      }
    }
    PayloadTrie.PayloadTrieBuilder<Long> builder = PayloadTrie.builder();
    keysOfNeedle.forEach(builder::addKeyword);
    trie = builder.build();
  }

  /** False when {@code text} holds none of {@code key}'s substrings, so no cue of the key can match it. */
  boolean mayMatch(String key, String text) {
    Long bit = bitOfKey.get(key);
    if (bit != null) {
      return (keysPresent(text) & bit) != 0;
    }
    List<String> needles = askedPlainly.get(key);
    return needles == null || containsAny(text, needles);
  }

  private long keysPresent(String text) {
    Scan scan = last.get();
    if (scan.text != text) {
      long[] keys = {0};
      trie.parseText(text, emit -> {
        keys[0] |= emit.getPayload();
        return true;
      });
      scan.keys = keys[0];
      scan.text = text;
    }
    return scan.keys;
  }

  /** The plain way: what {@link #mayMatch} answers, one {@link String#contains} at a time. */
  static boolean containsAny(String text, List<String> needles) {
    for (String n : needles) {
      if (text.contains(n)) {
        return true;
      }
    }
    return false;
  }
}
