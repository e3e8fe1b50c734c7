package io.switchboard.sentiment.model;

/**
 * A word that re-weights clauses.
 *
 * @param kind {@link Kind#CONTRAST} ("but": the clause after it dominates) or {@link
 *     Kind#CONCESSION} ("although": its own clause counts less)
 * @param weight for CONTRAST the weight of what follows (what precedes gets its inverse); for
 *     CONCESSION the weight of the conceded clause
 */
public record ClauseMarker(Kind kind, double weight) {
  public enum Kind {
    CONTRAST,
    CONCESSION
  }
}
