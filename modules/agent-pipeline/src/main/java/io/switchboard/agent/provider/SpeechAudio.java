package io.switchboard.agent.provider;

import io.vertx.core.buffer.Buffer;

/**
 * Synthesised speech.
 *
 * @param audio encoded audio (empty for scripted speech)
 * @param firstByteMs time until the first audio byte arrived (TTS time-to-first-byte)
 * @param playMs how long the audio plays; the agent stays "speaking" that long
 */
public record SpeechAudio(Buffer audio, long firstByteMs, long playMs) {}
