package io.switchboard.agent.provider.openai;

import io.switchboard.agent.provider.ProviderException;
import io.switchboard.agent.provider.SpeechToText;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.multipart.MultipartForm;

/** {@code POST /v1/audio/transcriptions} (multipart: file, model, language) → {@code {"text"}}. */
public final class OpenAiSpeechToText implements SpeechToText {
  private static final String NAME = "stt";
  private final OpenAiEndpoint endpoint;

  public OpenAiSpeechToText(OpenAiEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public Future<String> transcribe(Buffer audio, String language) {
    MultipartForm form =
        MultipartForm.create()
            .attribute("model", endpoint.model())
            .attribute("response_format", "json")
            .binaryFileUpload("file", "utterance.wav", audio, "audio/wav");
    if (language != null) {
      form.attribute("language", language);
    }
    return endpoint
        .post("audio/transcriptions")
        .sendMultipartForm(form)
        .recover(err -> Future.failedFuture(endpoint.transportError(NAME, err)))
        .compose(
            response -> {
              String body = response.bodyAsString();
              if (response.statusCode() / 100 != 2) {
                return Future.failedFuture(endpoint.httpError(NAME, response.statusCode(), body));
              }
              try {
                String text = new JsonObject(body == null ? "" : body).getString("text");
                return text == null
                    ? Future.failedFuture(new ProviderException(NAME, "reply has no 'text'"))
                    : Future.succeededFuture(text.strip());
              } catch (DecodeException | ClassCastException e) {
                return Future.failedFuture(new ProviderException(NAME, "reply is not JSON", e));
              }
            });
  }
}
