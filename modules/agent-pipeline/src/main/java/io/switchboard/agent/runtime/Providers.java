package io.switchboard.agent.runtime;

import io.switchboard.agent.provider.LanguageModel;
import io.switchboard.agent.provider.SpeechToText;
import io.switchboard.agent.provider.TextToSpeech;
import io.switchboard.agent.provider.ToolExecutor;

/** The pluggable parts of one agent. */
public record Providers(SpeechToText stt, LanguageModel llm, TextToSpeech tts, ToolExecutor tools) {}
