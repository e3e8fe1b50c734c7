package io.switchboard.sentiment.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The embedded model's knowledge: valences of words and phrases, negators, intensity modifiers,
 * clause markers and sarcasm cues. Loaded from a tab-separated resource so the vocabulary can be
 * tuned without touching code (format described at the top of {@code lexicon.tsv}).
 */
public final class Lexicon {
  public static final String DEFAULT_RESOURCE = "/io/switchboard/sentiment/lexicon.tsv";

  private final PhraseIndex<Double> valences = new PhraseIndex<>();
  private final PhraseIndex<ClauseMarker> clauseMarkers = new PhraseIndex<>();
  private final Set<String> negators = new HashSet<>();
  private final Map<String, Double> modifiers = new HashMap<>();
  private final Set<String> sarcasmCues = new HashSet<>();
  private final Set<String> sarcasmFollowups = new HashSet<>();

  private Lexicon() {}

  /** The lexicon shipped with the module. */
  public static Lexicon loadDefault() {
    InputStream in = Lexicon.class.getResourceAsStream(DEFAULT_RESOURCE);
    if (in == null) {
      throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
    }
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return parse(r, new Tokenizer());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Lexicon parse(Reader source, Tokenizer tokenizer) throws IOException {
    Lexicon lx = new Lexicon();
    BufferedReader in = new BufferedReader(source);
    String line;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] cols = trimmed.split("\t");
      if (cols.length < 2) {
        throw new IllegalArgumentException("lexicon line " + lineNo + ": expected kind<TAB>term[<TAB>value]");
      }
      List<String> tokens = tokenizer.tokenize(cols[1]).stream().map(Token::text).toList();
      if (tokens.isEmpty()) {
        throw new IllegalArgumentException("lexicon line " + lineNo + ": empty term");
      }
      lx.add(cols[0], tokens, cols.length > 2 ? cols[2] : null, lineNo);
    }
    return lx;
  }

  private void add(String kind, List<String> tokens, String value, int lineNo) {
    switch (kind) {
      case "valence" -> valences.put(tokens, number(value, lineNo));
      case "negator" -> negators.add(single(tokens, lineNo));
      case "intensifier", "diminisher" -> modifiers.put(single(tokens, lineNo), number(value, lineNo));
      case "contrast" -> clauseMarkers.put(tokens, new ClauseMarker(ClauseMarker.Kind.CONTRAST, number(value, lineNo)));
      case "concession" -> clauseMarkers.put(tokens, new ClauseMarker(ClauseMarker.Kind.CONCESSION, number(value, lineNo)));
      case "sarcasm_cue" -> sarcasmCues.add(single(tokens, lineNo));
      case "sarcasm_followup" -> sarcasmFollowups.add(single(tokens, lineNo));
      default -> throw new IllegalArgumentException("lexicon line " + lineNo + ": unknown kind '" + kind + "'");
    }
  }

  private static String single(List<String> tokens, int lineNo) {
    if (tokens.size() != 1) {
      throw new IllegalArgumentException("lexicon line " + lineNo + ": expected a single word");
    }
    return tokens.get(0);
  }

  private static double number(String value, int lineNo) {
    try {
      return Double.parseDouble(value == null ? "" : value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("lexicon line " + lineNo + ": expected a number, got '" + value + "'");
    }
  }

  public PhraseIndex<Double> valences() {
    return valences;
  }

  public PhraseIndex<ClauseMarker> clauseMarkers() {
    return clauseMarkers;
  }

  public boolean isNegator(String word) {
    return negators.contains(word);
  }

  /** Intensity factor of a modifier word, or 1.0 when the word is not one. */
  public double modifier(String word) {
    return modifiers.getOrDefault(word, 1.0);
  }

  public boolean isSarcasmCue(String word) {
    return sarcasmCues.contains(word);
  }

  public boolean isSarcasmFollowup(String word) {
    return sarcasmFollowups.contains(word);
  }
}
