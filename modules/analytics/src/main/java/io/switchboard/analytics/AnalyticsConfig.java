package io.switchboard.analytics;

import io.switchboard.platform.config.CommonKeys;
import io.switchboard.platform.config.Settings;

/**
 * Settings of the analytics verticle.
 *
 * @param mongoUrl archive MongoDB
 * @param mongoDb database name
 * @param transcriptRetentionDays transcripts older than this are dropped, KPIs stay
 *     ({@code retention.transcript.days}, 0 = keep forever)
 * @param retentionPeriodMs how often the retention job runs ({@code retention.period.ms}, default hourly)
 * @param mongoTimeoutMs how long one archive/query may wait for MongoDB before the caller gets a 503
 *     ({@code analytics.mongo.timeout.ms}); the sender retries, so failing fast loses nothing
 */
public record AnalyticsConfig(
    String mongoUrl, String mongoDb, int transcriptRetentionDays, long retentionPeriodMs, int mongoTimeoutMs) {
  public static final String TRANSCRIPT_RETENTION = "retention.transcript.days";
  public static final String RETENTION_PERIOD = "retention.period.ms";
  public static final String MONGO_TIMEOUT = "analytics.mongo.timeout.ms";

  /** The original three settings; period and timeout take their defaults. */
  public AnalyticsConfig(String mongoUrl, String mongoDb, int transcriptRetentionDays) {
    this(mongoUrl, mongoDb, transcriptRetentionDays, 3_600_000L, 2_000);
  }

  public static AnalyticsConfig from(Settings s) {
    return new AnalyticsConfig(
        s.string(CommonKeys.MONGO_URL, null),
        s.string(CommonKeys.MONGO_DB, CommonKeys.MONGO_DB_DEFAULT),
        s.integer(TRANSCRIPT_RETENTION, 0, 0, 36_500),
        s.integer(RETENTION_PERIOD, 3_600_000, 10, Integer.MAX_VALUE),
        s.integer(MONGO_TIMEOUT, 2_000, 100, 60_000));
  }
}
