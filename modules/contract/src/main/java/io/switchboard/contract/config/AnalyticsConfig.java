package io.switchboard.contract.config;

/**
 * Settings of the analytics verticle.
 *
 * @param mongoUrl archive MongoDB
 * @param mongoDb database name
 * @param transcriptRetentionDays transcripts older than this are dropped, KPIs stay
 *     ({@code retention.transcript.days}, 0 = keep forever)
 */
public record AnalyticsConfig(String mongoUrl, String mongoDb, int transcriptRetentionDays) {
  public static final String TRANSCRIPT_RETENTION = "retention.transcript.days";

  public static AnalyticsConfig from(Settings s) {
    return new AnalyticsConfig(
        s.string(CommonKeys.MONGO_URL, null),
        s.string(CommonKeys.MONGO_DB, CommonKeys.MONGO_DB_DEFAULT),
        s.integer(TRANSCRIPT_RETENTION, 0, 0, 36_500));
  }
}
