package io.switchboard.agent.provider.openai;

import io.switchboard.agent.provider.ChatMessage;
import io.switchboard.agent.provider.LanguageModel;
import io.switchboard.agent.provider.LlmReply;
import io.switchboard.agent.provider.ProviderException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.codec.BodyCodec;
import java.util.List;

/** {@code POST /v1/chat/completions} with {@code stream: true}, parsed as server-sent events. */
public final class OpenAiLanguageModel implements LanguageModel {
  private static final String NAME = "llm";
  private final OpenAiEndpoint endpoint;

  public OpenAiLanguageModel(OpenAiEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public Future<LlmReply> stream(List<ChatMessage> messages, Handler<String> onToken) {
    SseChatParser parser = new SseChatParser(onToken);
    JsonObject body = new JsonObject().put("model", endpoint.model()).put("stream", true).put("messages", toWire(messages));
    return endpoint
        .post("chat/completions")
        .putHeader("Accept", "text/event-stream")
        .as(BodyCodec.pipe(new ChunkStream(parser::feed)))
        .sendJsonObject(body)
        .recover(err -> Future.failedFuture(endpoint.transportError(NAME, err)))
        .compose(
            response -> {
              if (response.statusCode() / 100 != 2) {
                return Future.failedFuture(endpoint.httpError(NAME, response.statusCode(), parser.raw()));
              }
              if (!parser.done() && parser.tokens() == 0 && parser.toolCalls().isEmpty()) {
                return Future.failedFuture(new ProviderException(NAME, "stream ended without data"));
              }
              return Future.succeededFuture(new LlmReply(parser.text(), parser.toolCalls(), parser.tokens()));
            });
  }

  /** Tool results go back as system notes: we do not round-trip OpenAI tool_call ids. */
  static JsonArray toWire(List<ChatMessage> messages) {
    JsonArray out = new JsonArray();
    for (ChatMessage m : messages) {
      if (m.role().equals("tool")) {
        out.add(new JsonObject().put("role", "system").put("content", "Tool " + m.name() + " returned: " + m.content()));
      } else {
        out.add(new JsonObject().put("role", m.role()).put("content", m.content()));
      }
    }
    return out;
  }
}
