package io.switchboard.platform.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * Event-bus codec for a value nobody changes once sent — a contract record, or a JSON body such as
 * a published delta ({@link SharedJsonCodec}): a consumer on the same node receives the value itself,
 * one on another node receives its JSON, exactly what a sender of plain JSON would have sent
 * (docs/architecture.md#typed-requests). For request-reply pairs on the path of every event
 * ({@code sentiment.analyze}): encoding a request to JSON, copying it for local delivery and
 * decoding it again, then the same for the reply, was ≈ 4 % of the node's CPU per customer line
 * (bench/BOTTLENECKS.md). A consumer of records therefore accepts both: the record, or JSON it
 * validates as before.
 */
public final class RecordCodec<T> implements MessageCodec<T, Object> {
  private final String name;
  private final Function<T, JsonObject> toJson;

  private RecordCodec(String name, Function<T, JsonObject> toJson) {
    this.name = name;
    this.toJson = toJson;
  }

  /** A codec named {@code name} whose wire form is {@code toJson} of the value. */
  public static <T> RecordCodec<T> of(String name, Function<T, JsonObject> toJson) {
    return new RecordCodec<>(name, toJson);
  }

  /**
   * Registers it on this event bus (again from another verticle instance: a no-op). Both ends call
   * this when they start, and the launcher before any verticle, since a receiving node looks a
   * message's codec up by name.
   */
  public RecordCodec<T> register(EventBus bus) {
    try {
      bus.registerCodec(this);
    } catch (IllegalStateException alreadyRegistered) {
      // another verticle of this node registered it first
    }
    return this;
  }

  /** Delivery options that send a {@code T} with this codec. */
  public DeliveryOptions options() {
    return new DeliveryOptions().setCodecName(name);
  }

  @Override
  public void encodeToWire(Buffer buffer, T value) {
    // its length, then its UTF-8 JSON: what Vert.x's own JSON codec writes
    Buffer encoded = toJson.apply(value).toBuffer();
    buffer.appendInt(encoded.length());
    buffer.appendBuffer(encoded);
  }

  @Override
  public Object decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return new JsonObject(buffer.slice(pos + 4, pos + 4 + length));
  }

  @Override
  public Object transform(T value) {
    return value;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
