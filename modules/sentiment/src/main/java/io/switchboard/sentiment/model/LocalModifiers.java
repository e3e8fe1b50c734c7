package io.switchboard.sentiment.model;

import java.util.List;

/**
 * Negation and intensity: looks at the few words before a term, inside its clause, for negators
 * ("not happy", "never works", "isn't bad") and intensity modifiers ("very", "extremely",
 * "slightly").
 */
public final class LocalModifiers {
  /** How many words back a negator or modifier still applies ("never had any problems"). */
  static final int WINDOW = 3;
  /** A negated positive is clearly negative ("not happy" ≈ unhappy). */
  static final double NEGATED_POSITIVE = -1.0;
  /** A negated negative is only mildly positive ("not bad" is not "good"). */
  static final double NEGATED_NEGATIVE = -0.75;
  /** Capitalised words are shouted. */
  static final double SHOUTED = 1.3;

  private final Lexicon lexicon;

  public LocalModifiers(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  /**
   * The valence of {@code term} after the modifiers before it.
   *
   * @param blocked token positions that belong to other terms or markers (scope stops there)
   */
  public double apply(Term term, List<Token> tokens, boolean[] blocked) {
    double v = term.valence();
    int negations = 0;
    double intensity = 1.0;
    int seen = 0;
    for (int i = term.start() - 1; i >= 0 && seen < WINDOW; i--) {
      Token t = tokens.get(i);
      if (t.endsClause() || blocked[i]) {
        break;
      }
      seen++;
      if (lexicon.isNegator(t.text())) {
        negations++;
      } else {
        intensity *= lexicon.modifier(t.text());
      }
    }
    v *= intensity;
    if (negations % 2 == 1) {
      v *= v > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE;
    }
    if (shouted(term, tokens)) {
      v *= SHOUTED;
    }
    return v;
  }

  private static boolean shouted(Term term, List<Token> tokens) {
    for (int i = term.start(); i < term.end(); i++) {
      if (tokens.get(i).shouted()) {
        return true;
      }
    }
    return false;
  }
}
