package io.switchboard.agent.provider.scripted;

import io.switchboard.agent.provider.SpeechToText;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** "Transcribes" audio that is really UTF-8 text (what simulated customers send), with STT latency. */
public final class ScriptedSpeechToText implements SpeechToText {
  private final Vertx vertx;
  private final ScriptedTimings timings;
  private int invocations;

  public ScriptedSpeechToText(Vertx vertx, ScriptedTimings timings) {
    this.vertx = vertx;
    this.timings = timings;
  }

  public int invocations() {
    return invocations;
  }

  @Override
  public Future<String> transcribe(Buffer audio, String language) {
    invocations++;
    Promise<String> p = Promise.promise();
    vertx.setTimer(timings.between(120, 260), id -> p.complete(audio.toString(StandardCharsets.UTF_8)));
    return p.future();
  }
}
