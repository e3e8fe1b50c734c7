package io.switchboard.analytics.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one tokeniser of search: what a "word" is when a call is archived ({@link #of}, the
 * {@value #FIELD} array of distinct words), when a query is read ({@link SearchTerms}) and when
 * matches are marked ({@link Highlighter}). A word is a run of letters or digits, lower-cased and
 * without accents ("Café" = "cafe"); each Han, Hiragana or Katakana character is a word of its own
 * (those scripts put no spaces between words, so single characters are the only units a
 * dictionary-free tokeniser can match). The archive is redacted before this runs, so a placeholder
 * such as {@code [card]} is the word "card" and no original digit ever becomes a word.
 */
public final class SearchWords {
  private SearchWords() {}

  /** Field of the archived document: the distinct words of its (redacted) transcript. */
  public static final String FIELD = "search_words";
  /** Longer runs are not words anyone searches for (ids, hashes): left out of the array. */
  static final int MAX_WORD_CHARS = 64;
  /** Bounds the array of a very long call (a document must stay far below MongoDB's 16 MB). */
  static final int MAX_WORDS = 5_000;

  private static final Pattern TOKEN =
      Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]|[\\p{L}\\p{N}\\p{M}&&[^\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  /** One word of a text: its UTF-16 range in the original text and its normalised form. */
  public record Token(int start, int end, String word) {}

  public static List<Token> tokens(String text) {
    List<Token> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      String w = normalise(m.group());
      if (!w.isEmpty()) {
        out.add(new Token(m.start(), m.end(), w));
      }
    }
    return out;
  }

  /** Lower case, accents removed. */
  public static String normalise(String word) {
    String decomposed = Normalizer.normalize(word, Normalizer.Form.NFD);
    return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
  }

  /** The distinct words of a transcript ({@code [{text}, …]}), in order of first use, bounded. */
  public static JsonArray of(JsonArray transcript) {
    Set<String> words = new LinkedHashSet<>();
    if (transcript != null) {
      for (Object o : transcript) {
        if (o instanceof JsonObject line && line.getValue("text") instanceof String text) {
          for (Token t : tokens(text)) {
            if (t.word().length() <= MAX_WORD_CHARS && words.size() < MAX_WORDS) {
              words.add(t.word());
            }
          }
        }
      }
    }
    return new JsonArray(new ArrayList<>(words));
  }
}
