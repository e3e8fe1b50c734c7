package io.switchboard.rules;

import io.switchboard.platform.config.CommonKeys;
import io.switchboard.platform.config.Settings;

/**
 * Settings of the rules verticle.
 *
 * @param mongoUrl where the rules are stored (the archive's MongoDB)
 * @param mongoDb database name
 * @param mongoTimeoutMs bound of one store operation ({@code rules.mongo.timeout.ms})
 * @param tickMs how often timed conditions (silence, takeover, call duration) are checked ({@code rules.tick.ms})
 * @param webhookConcurrency webhook posts in flight at most; more are dropped and counted ({@code rules.webhook.concurrency})
 */
public record RulesConfig(String mongoUrl, String mongoDb, int mongoTimeoutMs, int tickMs, int webhookConcurrency) {
  public static final String MONGO_TIMEOUT = "rules.mongo.timeout.ms";
  public static final String TICK = "rules.tick.ms";
  public static final String WEBHOOK_CONCURRENCY = "rules.webhook.concurrency";

  public static RulesConfig from(Settings s) {
    return new RulesConfig(
        s.string(CommonKeys.MONGO_URL, null),
        s.string(CommonKeys.MONGO_DB, CommonKeys.MONGO_DB_DEFAULT),
        s.integer(MONGO_TIMEOUT, 2_000, 100, 60_000),
        s.integer(TICK, 1_000, 50, 60_000),
        s.integer(WEBHOOK_CONCURRENCY, 32, 1, 1_000));
  }
}
