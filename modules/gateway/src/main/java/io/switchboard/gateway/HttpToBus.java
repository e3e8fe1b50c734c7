package io.switchboard.gateway;

import io.switchboard.contract.BusErrors;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Sends an HTTP request's payload as an event-bus request and maps the reply to HTTP: a reply is
 * {@code successStatus} with its JSON body; a failure code that is a 4xx is passed through; no
 * handler, a timeout or a 5xx becomes 503 — the caller may retry, nothing was half done.
 */
final class HttpToBus {
  private final Vertx vertx;

  HttpToBus(Vertx vertx) {
    this.vertx = vertx;
  }

  void forward(RoutingContext ctx, String address, Object body, DeliveryOptions options, int successStatus) {
    vertx
        .eventBus()
        .request(address, body, options)
        .onSuccess(
            reply -> {
              Object b = reply.body();
              ctx.response()
                  .setStatusCode(successStatus)
                  .putHeader("Content-Type", "application/json")
                  .end(b instanceof JsonObject j ? j.encode() : new JsonObject().put("ok", true).encode());
            })
        .onFailure(err -> fail(ctx, address, err));
  }

  static void fail(RoutingContext ctx, String address, Throwable err) {
    if (err instanceof ReplyException re) {
      if (re.failureType() == ReplyFailure.RECIPIENT_FAILURE && BusErrors.isClientError(re.failureCode())) {
        HttpErrors.send(ctx, re.failureCode(), codeName(re.failureCode()), re.getMessage());
        return;
      }
      if (re.failureType() == ReplyFailure.NO_HANDLERS) {
        HttpErrors.send(ctx, 503, "unavailable", "no " + address + " service is running");
        return;
      }
      if (re.failureType() == ReplyFailure.TIMEOUT) {
        HttpErrors.send(ctx, 503, "unavailable", address + " did not answer in time");
        return;
      }
      HttpErrors.send(ctx, 503, "unavailable", re.getMessage());
      return;
    }
    HttpErrors.send(ctx, 503, "unavailable", String.valueOf(err.getMessage()));
  }

  static String codeName(int status) {
    return BusErrors.name(status, "error");
  }
}
