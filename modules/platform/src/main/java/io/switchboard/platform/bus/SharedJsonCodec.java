package io.switchboard.platform.bus;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * Event-bus codec for published live deltas ({@code call.<room>}, {@code calls.active}) and large
 * replies (history pages, snapshots): every
 * local consumer receives the <em>same</em> {@link JsonObject} instead of its own deep copy. The
 * SockJS bridge registers one consumer per socket and address, so with the default JSON codec a
 * delta to 200 dashboards was copied 200 times before each copy was encoded (the largest single
 * item of fan-out, bench/BOTTLENECKS.md). Safe because no consumer of these addresses changes a
 * body: the bridge wraps it in its own envelope and viewer redaction builds a copy
 * (docs/architecture.md#deltas-and-late-join). Between nodes it is the same wire format as Vert.x's
 * JSON codec; every node registers it ({@link #register}), since a receiving node looks a message's
 * codec up by name.
 */
public final class SharedJsonCodec {
  public static final String NAME = "switchboard.shared-json";

  /** The codec itself: a JSON object is its own record (the same object locally, its JSON between nodes). */
  static final RecordCodec<JsonObject> CODEC = RecordCodec.of(NAME, json -> json);
  private static final DeliveryOptions PUBLISH = new DeliveryOptions().setCodecName(NAME);

  private SharedJsonCodec() {}

  /**
   * Registers the codec on this event bus (later calls, from any verticle instance, are no-ops).
   * Whatever publishes or replies with it calls this when it is created; the launcher calls it for
   * every node before any verticle, so a node that only receives can decode these messages.
   */
  public static void register(EventBus bus) {
    CODEC.register(bus);
  }

  /** Publishes a body that nobody changes afterwards, to every consumer without a copy each ({@link #register} first). */
  public static void publish(EventBus bus, String address, JsonObject body) {
    bus.publish(address, body, PUBLISH);
  }

  /**
   * Replies with a body that nobody changes afterwards (a history page, a snapshot): the local
   * requester — the bridge, for a browser — gets it without a deep copy ({@link #register} first).
   */
  public static void reply(Message<?> msg, JsonObject body) {
    msg.reply(body, PUBLISH);
  }
}
