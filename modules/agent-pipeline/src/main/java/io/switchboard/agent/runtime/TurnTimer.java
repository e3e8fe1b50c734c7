package io.switchboard.agent.runtime;

import io.switchboard.agent.provider.SpeechAudio;
import io.vertx.core.json.JsonObject;

/**
 * Latencies of one agent turn, from the moment the turn was triggered (the customer stopped
 * speaking, or a supervisor acted) to the first audio byte.
 */
final class TurnTimer {
  private final long startNanos = System.nanoTime();
  private final long sttMs;
  private long llmStart = -1;
  private long llmFirstToken = -1;
  private long llmEnd = -1;
  private long ttsStart = -1;

  /** @param sttMs transcription time, or -1 when the turn did not start from speech */
  TurnTimer(long sttMs) {
    this.sttMs = sttMs;
  }

  void llmStarted() {
    if (llmStart < 0) {
      llmStart = System.nanoTime();
    }
  }

  void firstToken() {
    if (llmFirstToken < 0) {
      llmFirstToken = System.nanoTime();
    }
  }

  void llmFinished() {
    llmEnd = System.nanoTime();
  }

  void ttsStarted() {
    ttsStart = System.nanoTime();
  }

  long llmTtftMs() {
    return llmFirstToken < 0 || llmStart < 0 ? -1 : ms(llmFirstToken - llmStart);
  }

  long llmTotalMs() {
    return llmEnd < 0 || llmStart < 0 ? -1 : ms(llmEnd - llmStart);
  }

  /** The metrics event data; absent stages are left out. */
  JsonObject toMetrics(SpeechAudio audio) {
    long now = System.nanoTime();
    JsonObject m = new JsonObject();
    if (sttMs >= 0) {
      m.put("stt_ms", sttMs);
    }
    if (llmTtftMs() >= 0) {
      m.put("llm_ttft_ms", llmTtftMs());
    }
    if (llmTotalMs() >= 0) {
      m.put("llm_total_ms", llmTotalMs());
    }
    m.put("tts_ttfb_ms", audio.firstByteMs());
    if (ttsStart >= 0) {
      m.put("tts_ms", ms(now - ttsStart));
    }
    m.put("e2e_ms", (sttMs >= 0 ? sttMs : 0) + ms(now - startNanos));
    return m;
  }

  private static long ms(long nanos) {
    return Math.max(0, nanos / 1_000_000);
  }
}
