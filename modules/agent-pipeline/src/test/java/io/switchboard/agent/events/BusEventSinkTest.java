package io.switchboard.agent.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.agent.EventRecorder;
import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.CallEvent;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BusEventSinkTest {

  private static CallEvent event(int i) {
    return new CallEvent("room-1", "s-1", "debug", "s-1:" + i, System.currentTimeMillis(), new JsonObject().put("kind", "x"));
  }

  @Test
  void aStalledIngestNeverBlocksTheSenderAndExcessEventsAreDroppedAndCounted(Vertx vertx, VertxTestContext ctx) {
    List<Message<JsonObject>> unanswered = new ArrayList<>();
    var consumer = vertx.eventBus().<JsonObject>consumer(Addresses.INGEST_CALL_EVENT, unanswered::add); // never replies
    BusEventSink sink = new BusEventSink(vertx, 200, 3);
    consumer.completion()
        .compose(v -> {
          long t0 = System.nanoTime();
          for (int i = 0; i < 10; i++) {
            sink.emit(event(i));
          }
          ctx.verify(() -> {
            assertTrue(System.nanoTime() - t0 < 50_000_000L, "emit is fire-and-forget");
            assertEquals(3, sink.inFlight());
            assertEquals(7, sink.dropped());
          });
          return EventRecorder.until(vertx, () -> sink.inFlight() == 0, 3000, "timeouts free the slots");
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(3, sink.failed());
          assertEquals(3, unanswered.size(), "dropped events were never sent");
          sink.emit(event(11));
          assertEquals(1, sink.inFlight(), "sending resumes once ingest catches up");
          ctx.completeNow();
        })));
  }
}
