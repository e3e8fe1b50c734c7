package io.switchboard.agent.provider;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** Turns one finished user utterance (audio) into text. */
public interface SpeechToText {
  /**
   * @param audio the utterance (WAV for HTTP providers; the scripted provider reads UTF-8 text)
   * @param language ISO 639-1 hint such as {@code en} or {@code ms}; may be null
   */
  Future<String> transcribe(Buffer audio, String language);
}
