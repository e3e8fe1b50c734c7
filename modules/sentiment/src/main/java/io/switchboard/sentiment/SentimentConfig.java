package io.switchboard.sentiment;

import io.switchboard.platform.config.Settings;

/**
 * Settings of the sentiment verticle.
 *
 * @param provider {@code embedded} (default, offline) or {@code llm} (OpenAI-compatible)
 * @param llmBaseUrl OpenAI-compatible base URL ({@code sentiment.llm.url}), e.g. {@code
 *     https://api.openai.com/v1}; {@code /chat/completions} is appended
 * @param llmApiKey its key ({@code sentiment.llm.key})
 * @param llmModel model name ({@code sentiment.llm.model})
 * @param llmTimeoutMs timeout before falling back to the embedded model
 * @param agentLatencyEscalationMs agent response latency that raises {@code agent_latency}
 *     ({@code sentiment.escalation.agent.latency.ms})
 * @param negativeStreakEscalation consecutive negative turns that raise {@code negative_streak}
 *     ({@code sentiment.escalation.negative.streak})
 * @param repeatComplaintEscalation "I already told you" count that raises {@code
 *     repeated_complaint} ({@code sentiment.escalation.repeat.complaints})
 */
public record SentimentConfig(
    String provider,
    String llmBaseUrl,
    String llmApiKey,
    String llmModel,
    int llmTimeoutMs,
    int agentLatencyEscalationMs,
    int negativeStreakEscalation,
    int repeatComplaintEscalation) {
  public static final String PROVIDER = "sentiment.provider";
  /**
   * Whether this verticle publishes its escalations on {@code alerts} itself (default false: the
   * rules verticle alerts through the built-in escalation rules, which admins can edit or disable;
   * true only for a node that runs sentiment without rules anywhere in the cluster).
   */
  public static final String PUBLISH_ALERTS = "sentiment.alerts";
  public static final String AGENT_LATENCY_MS = "sentiment.escalation.agent.latency.ms";
  public static final String NEGATIVE_STREAK = "sentiment.escalation.negative.streak";
  public static final String REPEAT_COMPLAINTS = "sentiment.escalation.repeat.complaints";
  public static final int AGENT_LATENCY_MS_DEFAULT = 4000;
  public static final int NEGATIVE_STREAK_DEFAULT = 3;
  public static final int REPEAT_COMPLAINTS_DEFAULT = 2;

  /** The original five settings with default escalation thresholds (kept for existing callers). */
  public SentimentConfig(String provider, String llmBaseUrl, String llmApiKey, String llmModel, int llmTimeoutMs) {
    this(
        provider,
        llmBaseUrl,
        llmApiKey,
        llmModel,
        llmTimeoutMs,
        AGENT_LATENCY_MS_DEFAULT,
        NEGATIVE_STREAK_DEFAULT,
        REPEAT_COMPLAINTS_DEFAULT);
  }

  public static SentimentConfig from(Settings s) {
    return new SentimentConfig(
        s.string(PROVIDER, "embedded"),
        s.string("sentiment.llm.url", null),
        s.string("sentiment.llm.key", null),
        s.string("sentiment.llm.model", null),
        s.integer("sentiment.llm.timeout.ms", 1500, 50, 60_000),
        s.integer(AGENT_LATENCY_MS, AGENT_LATENCY_MS_DEFAULT, 1, 600_000),
        s.integer(NEGATIVE_STREAK, NEGATIVE_STREAK_DEFAULT, 1, 1000),
        s.integer(REPEAT_COMPLAINTS, REPEAT_COMPLAINTS_DEFAULT, 1, 1000));
  }

  @Override
  public String toString() {
    return "SentimentConfig[provider=" + provider + ", llmBaseUrl=" + llmBaseUrl + ", llmModel=" + llmModel
        + ", agentLatencyEscalationMs=" + agentLatencyEscalationMs + ", negativeStreakEscalation="
        + negativeStreakEscalation + ", repeatComplaintEscalation=" + repeatComplaintEscalation + "]";
  }
}
