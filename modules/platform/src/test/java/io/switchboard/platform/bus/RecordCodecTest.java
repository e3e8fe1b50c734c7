package io.switchboard.platform.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.switchboard.contract.sentiment.CallSentimentState;
import io.switchboard.contract.sentiment.SentimentRequest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.vertx.junit5.VertxExtension;

/** A record reaches a consumer on the same node as itself, and another node as the JSON a JSON sender would send. */
@ExtendWith(VertxExtension.class)
class RecordCodecTest {
  private static final SentimentRequest REQUEST = new SentimentRequest(
      "room-1", "s-1", 12, "héllo \"quoted\"", "en", 640, CallSentimentState.initial(), "let me check", 2);

  @Test
  void aLocalConsumerGetsTheRecordItselfAndRepliesTheSameWay(Vertx vertx) throws Exception {
    ContractCodecs.register(vertx.eventBus());
    ContractCodecs.register(vertx.eventBus()); // a second verticle of the node: no error
    vertx.eventBus().consumer("sentiment.analyze", m -> m.reply(m.body(), ContractCodecs.SENTIMENT_REQUEST.options())).completion().await();
    Object back = vertx.eventBus().request("sentiment.analyze", REQUEST, ContractCodecs.SENTIMENT_REQUEST.options())
        .await(5, TimeUnit.SECONDS).body();
    assertSame(REQUEST, back, "no JSON, no copy: the same immutable record both ways");
  }

  @Test
  void onTheWireItIsTheRecordsJson() {
    Buffer wire = Buffer.buffer("earlier message bytes");
    int at = wire.length();
    ContractCodecs.SENTIMENT_REQUEST.encodeToWire(wire, REQUEST);
    Object decoded = ContractCodecs.SENTIMENT_REQUEST.decodeFromWire(at, wire);
    assertEquals(REQUEST.toJson(), decoded, "another node receives JSON, as from a JSON sender");
    assertEquals(REQUEST, SentimentRequest.fromJson((JsonObject) decoded));
  }
}
