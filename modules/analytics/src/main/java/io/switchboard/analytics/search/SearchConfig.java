package io.switchboard.analytics.search;

import io.switchboard.platform.config.Settings;
import java.util.Locale;

/**
 * Settings of archive search.
 *
 * @param mode {@code search.mode}: {@code auto} (default: {@code $text} when the server has text
 *     indexes, the words array otherwise), {@code text} or {@code words} to force one
 */
public record SearchConfig(String mode) {
  public static final String MODE = "search.mode";

  public SearchConfig {
    mode = mode == null ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
    if (!mode.equals("auto") && !mode.equals("text") && !mode.equals("words")) {
      throw new IllegalArgumentException(MODE + ": expected auto, text or words, got '" + mode + "'");
    }
  }

  public static SearchConfig from(Settings s) {
    return new SearchConfig(s.string(MODE, "auto"));
  }
}
