package io.switchboard.analytics.search;

/**
 * How transcript words are found. {@link #TEXT}: a MongoDB text index on the transcript picks the
 * candidates ({@code $text}), the {@code search_words} array then keeps exact whole-word AND
 * semantics, so both modes return the same calls. {@link #WORDS}: the {@code search_words} array
 * alone ({@code $all}, anchored {@code $regex} for prefixes) — what the embedded MongoDB-protocol
 * server supports (it has no {@code $text}). Chosen by probing the server at start
 * ({@code search.mode=auto}) or forced by configuration.
 */
public enum SearchMode {
  TEXT,
  WORDS;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
