package io.switchboard.agent.provider.scripted;

import io.switchboard.agent.provider.SpeechAudio;
import io.switchboard.agent.provider.SpeechPace;
import io.switchboard.agent.provider.TextToSpeech;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/** Silent speech: realistic first-byte latency and play time, no audio. Counts invocations. */
public final class ScriptedTextToSpeech implements TextToSpeech {
  private final Vertx vertx;
  private final ScriptedTimings timings;
  private int invocations;

  public ScriptedTextToSpeech(Vertx vertx, ScriptedTimings timings) {
    this.vertx = vertx;
    this.timings = timings;
  }

  public int invocations() {
    return invocations;
  }

  @Override
  public Future<SpeechAudio> synthesize(String text, String language) {
    invocations++;
    long ttfb = timings.between(120, 250);
    Promise<SpeechAudio> p = Promise.promise();
    vertx.setTimer(ttfb, id -> p.complete(new SpeechAudio(Buffer.buffer(), ttfb, timings.scale(SpeechPace.playMs(text)))));
    return p.future();
  }
}
