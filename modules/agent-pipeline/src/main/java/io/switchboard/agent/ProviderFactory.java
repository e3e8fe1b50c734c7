package io.switchboard.agent;

import io.switchboard.agent.provider.LanguageModel;
import io.switchboard.agent.provider.SpeechToText;
import io.switchboard.agent.provider.TextToSpeech;
import io.switchboard.agent.provider.openai.OpenAiEndpoint;
import io.switchboard.agent.provider.openai.OpenAiLanguageModel;
import io.switchboard.agent.provider.openai.OpenAiSpeechToText;
import io.switchboard.agent.provider.openai.OpenAiTextToSpeech;
import io.vertx.ext.web.client.WebClient;

/**
 * Builds the configured HTTP providers. A provider set to {@code scripted} (the default) yields
 * the scripted fallback given by the caller, which knows the script (e.g. a simulated call).
 */
public final class ProviderFactory {
  private final AgentPipelineConfig config;
  private final WebClient client;

  public ProviderFactory(AgentPipelineConfig config, WebClient client) {
    this.config = config;
    this.client = client;
  }

  public LanguageModel llmOr(LanguageModel scripted) {
    return config.llm().isOpenAi() ? new OpenAiLanguageModel(OpenAiEndpoint.of(client, config.llm())) : scripted;
  }

  public SpeechToText sttOr(SpeechToText scripted) {
    return config.stt().isOpenAi() ? new OpenAiSpeechToText(OpenAiEndpoint.of(client, config.stt())) : scripted;
  }

  public TextToSpeech ttsOr(TextToSpeech scripted) {
    return config.tts().isOpenAi()
        ? new OpenAiTextToSpeech(OpenAiEndpoint.of(client, config.tts()), config.tts().voice())
        : scripted;
  }
}
