package io.switchboard.ingest;

import io.switchboard.platform.config.CommonKeys;
import io.switchboard.platform.config.Settings;

import java.util.Map;

/**
 * Settings of the ingest verticle.
 *
 * @param redisUrl live-state Redis
 * @param agentKeys agent name → API key hash ({@code agent.keys.<name>=sha256:<hex>} or a plain key,
 *     which is hashed on load)
 * @param endedTtlSeconds how long an archived call's keys stay in Redis ({@code ingest.ended.ttl.s})
 * @param ratePerSecond events per second one agent key may send to one ingest instance
 *     ({@code ingest.rate.per.second}, 0 = no limit); more get 429 with Retry-After
 * @param orderWaitMs how long an event whose earlier {@code send_seq} is missing waits for it before it is
 *     applied anyway ({@code ingest.order.wait.ms}; docs/architecture.md#ordering)
 * @param sentimentInlineMs how long a customer's final line waits for its sentiment annotation so both
 *     are written at once ({@code ingest.sentiment.inline.ms}, 0 = never: the annotation is always a
 *     second write; docs/architecture.md#sentiment-inline)
 */
public record IngestConfig(
    String redisUrl, Map<String, String> agentKeys, int endedTtlSeconds, int ratePerSecond, int orderWaitMs, int sentimentInlineMs) {
  public static final String AGENT_KEYS = CommonKeys.AGENT_KEYS;
  public static final String ENDED_TTL = "ingest.ended.ttl.s";
  public static final String RATE_PER_SECOND = "ingest.rate.per.second";
  public static final String ORDER_WAIT_MS = "ingest.order.wait.ms";
  public static final String SENTIMENT_INLINE_MS = "ingest.sentiment.inline.ms";
  /** Room for ~500 busy calls on one key (2 events/s each): a runaway loop, not a fleet, is stopped. */
  public static final int DEFAULT_RATE_PER_SECOND = 1000;

  public static IngestConfig from(Settings s) {
    return new IngestConfig(
        s.string(CommonKeys.REDIS_URL, null),
        s.map(AGENT_KEYS),
        s.integer(ENDED_TTL, 300, 1, 7 * 24 * 3600),
        s.integer(RATE_PER_SECOND, DEFAULT_RATE_PER_SECOND, 0, 10_000_000),
        s.integer(ORDER_WAIT_MS, 1000, 0, 10_000),
        s.integer(SENTIMENT_INLINE_MS, 20, 0, 1000));
  }
}
