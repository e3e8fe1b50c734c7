package io.switchboard.sentiment.provider;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local stand-in for an OpenAI-compatible {@code POST /v1/chat/completions} on 127.0.0.1. It
 * answers with the real response envelope ({@code id, object, created, model, choices[{index,
 * message{role, content}, finish_reason}], usage}); the test picks what the model "says".
 */
final class FakeChatCompletionsServer {
  enum Mode {
    OK,
    GARBAGE,
    SERVER_ERROR,
    HANG,
    TRICKLE
  }

  private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.OK);
  private final AtomicReference<String> content = new AtomicReference<>("{\"label\":\"negative\",\"score\":-0.8,\"confidence\":0.9}");
  final AtomicReference<JsonObject> lastRequest = new AtomicReference<>();
  final AtomicReference<String> lastAuthorization = new AtomicReference<>();
  private HttpServer server;

  Future<Integer> start(Vertx vertx) {
    server = vertx.createHttpServer().requestHandler(this::handle);
    return server.listen(0, "127.0.0.1").map(HttpServer::actualPort);
  }

  void mode(Mode m) {
    mode.set(m);
  }

  void content(String c) {
    content.set(c);
  }

  private void handle(HttpServerRequest req) {
    if (!req.path().equals("/v1/chat/completions") || req.method().name().equals("GET")) {
      req.response().setStatusCode(404).end();
      return;
    }
    req.body().onSuccess(body -> {
      lastRequest.set(body.toJsonObject());
      lastAuthorization.set(req.getHeader("Authorization"));
      switch (mode.get()) {
        case HANG -> { } // never answer: the client's timeout must fire
        case TRICKLE -> trickle(req);
        case SERVER_ERROR -> req.response().setStatusCode(500).putHeader("content-type", "application/json")
            .end(new JsonObject().put("error", new JsonObject().put("message", "overloaded").put("type", "server_error")).encode());
        case GARBAGE -> req.response().putHeader("content-type", "application/json").end(envelope("I think the customer is sad.").encode());
        case OK -> req.response().putHeader("content-type", "application/json").end(envelope(content.get()).encode());
      }
    });
  }

  /** Headers at once, then a byte every 50 ms for 3 s: never idle, but far too slow. */
  private static void trickle(HttpServerRequest req) {
    var res = req.response().setChunked(true).putHeader("content-type", "application/json");
    res.write("{");
    var vertx = io.vertx.core.Vertx.currentContext().owner();
    long[] sent = {0};
    vertx.setPeriodic(50, id -> {
      if (++sent[0] >= 60 || res.closed()) {
        vertx.cancelTimer(id);
        if (!res.closed()) {
          res.end("}");
        }
      } else {
        res.write(" ");
      }
    });
  }

  private static JsonObject envelope(String text) {
    return new JsonObject()
        .put("id", "chatcmpl-test")
        .put("object", "chat.completion")
        .put("created", 1_700_000_000L)
        .put("model", "test-model")
        .put("choices", new JsonArray().add(new JsonObject()
            .put("index", 0)
            .put("message", new JsonObject().put("role", "assistant").put("content", text))
            .put("logprobs", (Object) null)
            .put("finish_reason", "stop")))
        .put("usage", new JsonObject().put("prompt_tokens", 80).put("completion_tokens", 20).put("total_tokens", 100));
  }
}
