package io.switchboard.agent.provider.openai;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A local stand-in for an OpenAI-compatible API on 127.0.0.1, speaking the real wire shapes. The
 * model name in a request picks the behaviour: {@code ok}, {@code error} (HTTP 500 JSON error),
 * {@code slow} (never answers).
 */
final class FakeOpenAi {
  static final String KEY = "sk-test-123";

  /** Requests seen: path, headers of interest and body. */
  final List<JsonObject> seen = new ArrayList<>();
  private HttpServer server;

  Future<Integer> start(Vertx vertx) {
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> handle(vertx, req, body)));
    return server.listen(0, "127.0.0.1").map(HttpServer::actualPort);
  }

  private void handle(Vertx vertx, HttpServerRequest req, Buffer body) {
    seen.add(new JsonObject().put("path", req.path()).put("auth", req.getHeader("Authorization"))
        .put("content_type", req.getHeader("Content-Type")).put("body", body.toString()));
    if (!("Bearer " + KEY).equals(req.getHeader("Authorization"))) {
      req.response().setStatusCode(401).end(new JsonObject().put("error", new JsonObject().put("message", "bad key")).encode());
      return;
    }
    String model = req.path().equals("/v1/audio/transcriptions") ? multipartModel(body.toString()) : new JsonObject(body).getString("model");
    if ("slow".equals(model)) {
      return; // never answers
    }
    if ("error".equals(model)) {
      req.response().setStatusCode(500).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", new JsonObject().put("message", "The server had an error").put("type", "server_error")).encode());
      return;
    }
    switch (req.path()) {
      case "/v1/chat/completions" -> streamChat(vertx, req);
      case "/v1/audio/transcriptions" ->
          req.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("text", " Hello, I need help. ").encode());
      case "/v1/audio/speech" -> {
        req.response().setChunked(true).putHeader("Content-Type", "audio/mpeg");
        req.response().write(Buffer.buffer(new byte[] {(byte) 0xFF, (byte) 0xFB, 1, 2}));
        vertx.setTimer(30, id -> req.response().end(Buffer.buffer(new byte[] {3, 4, 5, 6})));
      }
      default -> req.response().setStatusCode(404).end();
    }
  }

  /** Streams three content deltas (one split mid-line across writes), then [DONE]. */
  private static void streamChat(Vertx vertx, HttpServerRequest req) {
    var res = req.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
    String c1 = sse(new JsonObject().put("role", "assistant").put("content", ""));
    String c2 = sse(new JsonObject().put("content", "Sure, "));
    String c3 = sse(new JsonObject().put("content", "I can help"));
    String c4 = sse(new JsonObject().put("content", " with that."));
    res.write(": keep-alive\n\n" + c1 + c2 + c3.substring(0, 20));
    vertx.setTimer(20, a -> {
      res.write(c3.substring(20) + c4);
      vertx.setTimer(20, b -> res.end("data: [DONE]\n\n"));
    });
  }

  private static String sse(JsonObject delta) {
    JsonObject chunk = new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
        .put("choices", new io.vertx.core.json.JsonArray().add(new JsonObject().put("index", 0).put("delta", delta)));
    return "data: " + chunk.encode() + "\n\n";
  }

  private static String multipartModel(String body) {
    int i = body.indexOf("name=\"model\"");
    if (i < 0) {
      return null;
    }
    String rest = body.substring(i).split("\r\n\r\n", 2)[1];
    return rest.substring(0, rest.indexOf("\r\n"));
  }

  Future<Void> close() {
    return server.close();
  }
}
