package io.switchboard.agent.provider;

import io.vertx.core.Future;

/** Renders an agent line as audio. */
public interface TextToSpeech {
  /**
   * @param text what the agent says
   * @param language ISO 639-1 hint; may be null
   * @return the audio, its first-byte latency and how long it plays
   */
  Future<SpeechAudio> synthesize(String text, String language);
}
