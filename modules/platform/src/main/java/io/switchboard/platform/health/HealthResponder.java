package io.switchboard.platform.health;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.VerticleName;
import io.switchboard.contract.health.HealthReply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * Answers {@code health.<verticle>} probes for one verticle instance. The gateway's /health asks
 * each expected verticle over the bus, so a verticle on a node that died simply stops answering.
 */
public final class HealthResponder {
  private HealthResponder() {}

  /** A verticle with no dependencies of its own: always up while deployed. */
  public static Future<MessageConsumer<JsonObject>> register(Vertx vertx, VerticleName name, String node) {
    return register(vertx, name, node, () -> Future.succeededFuture(new HealthReply(name.id(), node, true, null)));
  }

  /** A verticle whose readiness depends on its connections (Redis, Mongo, LiveKit…). */
  public static Future<MessageConsumer<JsonObject>> register(
      Vertx vertx, VerticleName name, String node, Supplier<Future<HealthReply>> check) {
    MessageConsumer<JsonObject> consumer =
        vertx
            .eventBus()
            .consumer(
                Addresses.health(name),
                msg ->
                    check
                        .get()
                        .recover(
                            err ->
                                Future.succeededFuture(
                                    new HealthReply(
                                        name.id(), node, false, new JsonObject().put("error", String.valueOf(err.getMessage())))))
                        .onSuccess(reply -> msg.reply(reply.toJson())));
    return consumer.completion().map(v -> consumer);
  }
}
