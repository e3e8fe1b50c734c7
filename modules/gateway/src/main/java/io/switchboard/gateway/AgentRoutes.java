package io.switchboard.gateway;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.BusErrors;
import io.switchboard.contract.live.CallEvent;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Machine-facing endpoints: {@code POST /call-event} (agents, seed-compatible, 202 fast) and
 * {@code POST /livekit/webhook} (LiveKit server). Both only translate to bus requests; the
 * owning verticles validate and decide.
 */
final class AgentRoutes {
  private final HttpToBus bus;
  private final int bodyLimit;

  AgentRoutes(HttpToBus bus, int bodyLimit) {
    this.bus = bus;
    this.bodyLimit = bodyLimit;
  }

  void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(bodyLimit);
    router.post("/call-event").handler(body).handler(this::callEvent);
    router.post("/livekit/webhook").handler(body).handler(this::webhook);
    for (String path : new String[] {"/call-event", "/livekit/webhook"}) {
      router.route(path).handler(ctx -> {
        ctx.response().putHeader("Allow", "POST");
        HttpErrors.send(ctx, 405, "method_not_allowed", "use POST " + path);
      });
    }
  }

  private void callEvent(RoutingContext ctx) {
    JsonObject event;
    try {
      Object parsed = ctx.body().buffer() == null ? null : io.vertx.core.json.Json.decodeValue(ctx.body().buffer());
      if (!(parsed instanceof JsonObject j)) {
        HttpErrors.send(ctx, 400, "bad_request", "body must be a JSON object");
        return;
      }
      event = j;
    } catch (DecodeException e) {
      HttpErrors.send(ctx, 400, "bad_request", "body is not valid JSON");
      return;
    }
    String key = ctx.request().getHeader("X-API-Key");
    DeliveryOptions options =
        new DeliveryOptions()
            .setSendTimeout(3000)
            .addHeader(CallEvent.HEADER_SOURCE, CallEvent.SOURCE_AGENT)
            .addHeader(CallEvent.HEADER_API_KEY, key == null ? "" : key);
    ctx.vertx().eventBus().<Object>request(Addresses.INGEST_CALL_EVENT, event, options)
        .onSuccess(reply -> ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
            .end(reply.body() instanceof JsonObject j ? j.encode() : new JsonObject().put("ok", true).encode()))
        .onFailure(err -> {
          retryAfter(ctx, err);
          HttpToBus.fail(ctx, Addresses.INGEST_CALL_EVENT, err);
        });
  }

  /** A 429 from ingest names its wait at the end of the message: agents get it as Retry-After. */
  private static void retryAfter(RoutingContext ctx, Throwable err) {
    if (err instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && re.failureCode() == BusErrors.TOO_MANY_REQUESTS) {
      long seconds = BusErrors.retryAfterSeconds(re.getMessage());
      ctx.response().putHeader("Retry-After", Long.toString(seconds > 0 ? seconds : 1));
    }
  }

  private void webhook(RoutingContext ctx) {
    String raw = ctx.body().asString();
    if (raw == null || raw.isEmpty()) {
      HttpErrors.send(ctx, 400, "bad_request", "empty webhook body");
      return;
    }
    String auth = ctx.request().getHeader("Authorization");
    JsonObject request = new JsonObject().put("body", raw).put("authorization", auth == null ? "" : auth);
    bus.forward(ctx, Addresses.WEBHOOK_LIVEKIT, request, new DeliveryOptions().setSendTimeout(5000), 200);
  }
}
