package io.switchboard.agent.provider.openai;

import io.switchboard.agent.provider.SpeechAudio;
import io.switchboard.agent.provider.SpeechPace;
import io.switchboard.agent.provider.TextToSpeech;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.codec.BodyCodec;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /v1/audio/speech} {@code {model, input, voice, response_format}} → audio bytes. The
 * body is streamed so time-to-first-byte is measured, not guessed.
 */
public final class OpenAiTextToSpeech implements TextToSpeech {
  private static final String NAME = "tts";
  private final OpenAiEndpoint endpoint;
  private final String voice;

  public OpenAiTextToSpeech(OpenAiEndpoint endpoint, String voice) {
    this.endpoint = endpoint;
    this.voice = voice;
  }

  @Override
  public Future<SpeechAudio> synthesize(String text, String language) {
    long start = System.nanoTime();
    long[] firstByte = {-1};
    Buffer audio = Buffer.buffer();
    JsonObject body =
        new JsonObject().put("model", endpoint.model()).put("input", text).put("voice", voice).put("response_format", "mp3");
    return endpoint
        .post("audio/speech")
        .as(
            BodyCodec.pipe(
                new ChunkStream(
                    chunk -> {
                      if (firstByte[0] < 0) {
                        firstByte[0] = (System.nanoTime() - start) / 1_000_000;
                      }
                      audio.appendBuffer(chunk);
                    })))
        .sendJsonObject(body)
        .recover(err -> Future.failedFuture(endpoint.transportError(NAME, err)))
        .compose(
            response -> {
              if (response.statusCode() / 100 != 2) {
                return Future.failedFuture(
                    endpoint.httpError(NAME, response.statusCode(), audio.toString(StandardCharsets.UTF_8)));
              }
              // mp3 is not decoded here; its play time is estimated from the words
              return Future.succeededFuture(new SpeechAudio(audio, Math.max(0, firstByte[0]), SpeechPace.playMs(text)));
            });
  }
}
