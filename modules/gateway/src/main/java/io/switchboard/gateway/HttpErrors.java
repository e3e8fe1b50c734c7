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
