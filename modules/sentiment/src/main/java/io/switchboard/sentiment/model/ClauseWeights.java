package io.switchboard.sentiment.model;

import java.util.List;

/**
 * Contrast and concession: in "the agent was nice but it's still broken" the clause after "but"
 * carries the customer's verdict; in "although it took ages, it's fixed" the conceded clause
 * counts less.
 */
public final class ClauseWeights {
  /** Weight of a clause before a contrast marker never drops below this. */
  static final double MIN_BEFORE = 0.2;

  /** One weight per token position. */
  public double[] weigh(List<Token> tokens, List<TermMatcher.MarkerAt> markers) {
    double[] w = new double[tokens.size()];
    java.util.Arrays.fill(w, 1.0);
    for (TermMatcher.MarkerAt m : markers) {
      double weight = m.marker().weight();
      switch (m.marker().kind()) {
        case CONTRAST -> {
          double before = Math.max(MIN_BEFORE, 2.0 - weight);
          for (int i = 0; i < m.position(); i++) {
            w[i] *= before;
          }
          for (int i = m.position() + m.length(); i < w.length; i++) {
            w[i] *= weight;
          }
        }
        case CONCESSION -> {
          for (int i = m.position() + m.length(); i < w.length && !tokens.get(i).endsClause(); i++) {
            w[i] *= weight;
          }
        }
      }
    }
    return w;
  }
}
