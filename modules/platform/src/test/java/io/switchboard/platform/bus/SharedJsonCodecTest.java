package io.switchboard.platform.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Published deltas reach every local consumer as one object, and cross nodes like Vert.x's JSON codec. */
class SharedJsonCodecTest {
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void everyLocalConsumerGetsThePublishedObjectItself() throws Exception {
    SharedJsonCodec.register(vertx.eventBus());
    SharedJsonCodec.register(vertx.eventBus()); // a second verticle of the node: no error
    List<Object> got = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> three = new CompletableFuture<>();
    for (int i = 0; i < 3; i++) {
      vertx.eventBus().<JsonObject>consumer("calls.active", m -> {
        got.add(m.body());
        if (got.size() == 3) {
          three.complete(null);
        }
      }).completion().await();
    }
    JsonObject delta = new JsonObject().put("upserts", new JsonArray().add(new JsonObject().put("room", "r1").put("sentiment_score", -0.25)));
    SharedJsonCodec.publish(vertx.eventBus(), "calls.active", delta);
    three.get(5, TimeUnit.SECONDS);
    for (Object body : got) {
      assertSame(delta, body);
    }
  }

  @Test
  void theDefaultCodecStillCopiesPerConsumer() throws Exception {
    // the contrast the codec exists for: without it each consumer has its own copy
    CompletableFuture<Object> got = new CompletableFuture<>();
    vertx.eventBus().<JsonObject>consumer("calls.active", m -> got.complete(m.body())).completion().await();
    JsonObject delta = new JsonObject().put("upserts", new JsonArray());
    vertx.eventBus().publish("calls.active", delta);
    Object body = got.get(5, TimeUnit.SECONDS);
    assertNotSame(delta, body);
    assertEquals(delta, body);
  }

  @Test
  void theWireFormatRoundTripsAfterOtherData() {
    RecordCodec<JsonObject> codec = SharedJsonCodec.CODEC;
    JsonObject delta = new JsonObject().put("room", "r1").put("lines", new JsonArray().add(new JsonObject().put("text", "héllo \"quoted\"").put("score", 0.1)));
    Buffer wire = Buffer.buffer().appendString("header");
    codec.encodeToWire(wire, delta);
    assertEquals(delta, codec.decodeFromWire("header".length(), wire));
  }
}
