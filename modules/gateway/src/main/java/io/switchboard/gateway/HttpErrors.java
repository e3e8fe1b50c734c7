package io.switchboard.gateway;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Every error the gateway answers is JSON: {@code {"error": code, "message": text}}. */
final class HttpErrors {
  private HttpErrors() {}

  static void send(RoutingContext ctx, int status, String code, String message) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", code).put("message", message).encode());
  }

  /**
   * Requests the HTTP codec could not decode (request line or headers too long, malformed): the
   * same status Vert.x would send (414, 431, 400), with a JSON body like every other error, then the
   * connection is closed (what follows on it cannot be trusted to be a request boundary).
   */
  static void invalidRequest(io.vertx.core.http.HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = 400;
    String code = "bad_request";
    String message = "malformed HTTP request";
    if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
      status = 414;
      code = "uri_too_long";
      message = "request line too long";
    } else if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
      status = 431;
      code = "headers_too_large";
      message = "request headers too large";
    }
    request.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Connection", "close")
        .end(new JsonObject().put("error", code).put("message", message).encode())
        .onComplete(v -> request.connection().close());
  }

  /** JSON bodies for the router's own failures (404, 405, 413, body parse errors…). */
  static void install(Router router) {
    router.errorHandler(404, ctx -> send(ctx, 404, "not_found", "no such resource: " + ctx.request().path()));
    router.errorHandler(405, ctx -> send(ctx, 405, "method_not_allowed", "method not allowed"));
    router.errorHandler(413, ctx -> send(ctx, 413, "payload_too_large", "request body is too large"));
    router.errorHandler(401, ctx -> send(ctx, 401, "unauthorized", "authentication required"));
    router.errorHandler(403, ctx -> send(ctx, 403, "forbidden", "not allowed"));
    router.errorHandler(400, ctx -> send(ctx, 400, "bad_request", "malformed request"));
    router.errorHandler(500, ctx -> send(ctx, 500, "internal", "internal error"));
  }
}
