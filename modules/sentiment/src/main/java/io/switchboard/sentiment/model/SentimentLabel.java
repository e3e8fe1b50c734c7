package io.switchboard.sentiment.model;

import java.util.Locale;

/** The three classes every provider must answer with; {@link #wire()} is the JSON spelling. */
public enum SentimentLabel {
  NEGATIVE,
  NEUTRAL,
  POSITIVE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The label of a wire string, or null when it is not one of the three. */
  public static SentimentLabel ofWire(String s) {
    if (s == null) {
      return null;
    }
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "negative" -> NEGATIVE;
      case "neutral" -> NEUTRAL;
      case "positive" -> POSITIVE;
      default -> null;
    };
  }
}
