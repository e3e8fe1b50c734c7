package io.switchboard.contract.analytics;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Bucket size of a KPI query, in the query's time zone. Weeks start on Monday (ISO-8601). Each size
 * bounds the query range so a result never holds more than a few hundred buckets.
 */
public enum KpiBucket {
  HOUR(Duration.ofDays(31)),
  DAY(Duration.ofDays(366)),
  WEEK(Duration.ofDays(731));

  private final Duration maxRange;

  KpiBucket(Duration maxRange) {
    this.maxRange = maxRange;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Longest range a query with this bucket may span. */
  public Duration maxRange() {
    return maxRange;
  }

  public static KpiBucket parse(String s) {
    for (KpiBucket b : values()) {
      if (b.id().equalsIgnoreCase(s == null ? "" : s.trim())) {
        return b;
      }
    }
    throw new IllegalArgumentException(
        "bucket: expected one of " + Arrays.stream(values()).map(KpiBucket::id).collect(Collectors.joining("|")) + ", got '" + s + "'");
  }
}
