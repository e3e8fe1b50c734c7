package io.switchboard.sentiment.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits an utterance into lower-case words (contractions kept whole: {@code isn't}, {@code
 * that's}) and clause punctuation. Everything else (quotes, symbols, emoji) is dropped.
 */
public final class Tokenizer {
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:'[\\p{L}]+)*|[.,!?;:]");

  public List<Token> tokenize(String text) {
    // typographic apostrophes come from chat clients and some STT engines
    String normalised = text.replace('\u2019', '\'').replace('\u2018', '\'').replace('`', '\'');
    List<Token> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(normalised);
    while (m.find()) {
      String raw = m.group();
      boolean punctuation = raw.length() == 1 && ".,!?;:".indexOf(raw.charAt(0)) >= 0;
      out.add(new Token(raw.toLowerCase(Locale.ROOT), !punctuation && isShouted(raw), punctuation));
    }
    return out;
  }

  private static boolean isShouted(String raw) {
    if (raw.length() < 3) {
      return false; // "I", "OK", "TV" are not emphasis
    }
    boolean anyLetter = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (Character.isLetter(c)) {
        anyLetter = true;
        if (!Character.isUpperCase(c)) {
          return false;
        }
      }
    }
    return anyLetter;
  }
}
