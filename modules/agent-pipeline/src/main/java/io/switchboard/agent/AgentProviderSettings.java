package io.switchboard.agent;

import io.switchboard.platform.config.ConfigException;
import io.switchboard.platform.config.Settings;

/**
 * One pluggable provider of the Java voice agent (LLM, STT or TTS).
 *
 * @param kind {@code scripted} (deterministic, offline; the default) or {@code openai}
 *     (any OpenAI-compatible HTTP API)
 * @param baseUrl API base, with or without the trailing {@code /v1} ({@code agent.<p>.url})
 * @param apiKey bearer key ({@code agent.<p>.key}); never printed
 * @param model model name ({@code agent.<p>.model})
 * @param voice TTS voice ({@code agent.tts.voice}); ignored by other providers
 * @param timeoutMs whole-request timeout ({@code agent.<p>.timeout.ms})
 */
public record AgentProviderSettings(
    String kind, String baseUrl, String apiKey, String model, String voice, int timeoutMs) {
  public static final String SCRIPTED = "scripted";
  public static final String OPENAI = "openai";

  /** Reads {@code agent.<name>.*}; {@code name} is llm, stt or tts. */
  public static AgentProviderSettings from(Settings s, String name, String defaultModel) {
    String prefix = "agent." + name + ".";
    String kind = s.string(prefix + "provider", SCRIPTED);
    if (!kind.equals(SCRIPTED) && !kind.equals(OPENAI)) {
      throw new ConfigException("setting " + prefix + "provider: expected scripted or openai, got '" + kind + "'");
    }
    String url = s.string(prefix + "url", "https://api.openai.com");
    return new AgentProviderSettings(
        kind,
        url,
        s.string(prefix + "key", null),
        s.string(prefix + "model", defaultModel),
        s.string(prefix + "voice", "alloy"),
        s.integer(prefix + "timeout.ms", 15_000, 100, 600_000));
  }

  public boolean isOpenAi() {
    return OPENAI.equals(kind);
  }

  @Override
  public String toString() {
    return "AgentProviderSettings[kind=" + kind + ", baseUrl=" + baseUrl + ", model=" + model + ", voice=" + voice
        + ", timeoutMs=" + timeoutMs + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
  }
}
