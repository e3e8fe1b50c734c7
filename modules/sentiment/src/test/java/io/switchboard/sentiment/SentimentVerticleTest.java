package io.switchboard.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.BusErrors;
import io.switchboard.contract.sentiment.Alert;
import io.switchboard.contract.sentiment.CallSentimentState;
import io.switchboard.contract.sentiment.SentimentAnnotation;
import io.switchboard.contract.sentiment.SentimentRequest;
import io.switchboard.platform.bus.ContractCodecs;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SentimentVerticleTest {
  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    vertx.deployVerticle(new SentimentVerticle(), new DeploymentOptions().setConfig(new JsonObject().put("node.id", "t1").put(SentimentConfig.PUBLISH_ALERTS, true)))
        .onComplete(ctx.succeedingThenComplete());
  }

  private static SentimentRequest request(long seq, String text, CallSentimentState prior) {
    return new SentimentRequest("room-1", "sess-1", seq, text, "en", -1, prior);
  }

  private static Future<SentimentAnnotation> analyze(Vertx vertx, SentimentRequest req) {
    return vertx.eventBus().<JsonObject>request(Addresses.SENTIMENT_ANALYZE, req.toJson())
        .map(Message::body)
        .map(SentimentAnnotation::fromJson);
  }

  @Test
  void repliesWithAnnotationAndCallState(Vertx vertx, VertxTestContext ctx) {
    analyze(vertx, request(7, "I'm not happy, this still isn't fixed", CallSentimentState.initial()))
        .compose(first -> {
          ctx.verify(() -> {
            assertEquals(7, first.seq());
            assertEquals("negative", first.label());
            assertEquals("embedded", first.source());
            assertEquals(1, first.call().turns());
            assertEquals(1, first.call().negativeStreak());
            assertTrue(first.newEscalations().isEmpty());
          });
          return analyze(vertx, request(9, "Oh that's sorted now, thank you so much", first.call()));
        })
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertEquals("positive", second.label());
          assertEquals(2, second.call().turns());
          assertEquals(0, second.call().negativeStreak());
          assertTrue(second.score() > 0 && second.call().score() < second.score(), "call score blends both turns");
          ctx.completeNow();
        })));
  }

  @Test
  void aRequestSentAsARecordIsAnsweredWithTheRecordOfTheSameAnnotationAsJson(Vertx vertx) throws Exception {
    SentimentRequest req = new SentimentRequest("room-1", "sess-1", 11, "this is the third time I call, I want a manager", "en", 640,
        CallSentimentState.initial(), "sorry, I didn't understand that", 1);
    Object typed = vertx.eventBus().request(Addresses.SENTIMENT_ANALYZE, req, ContractCodecs.SENTIMENT_REQUEST.options())
        .await(10, TimeUnit.SECONDS).body();
    Object json = vertx.eventBus().request(Addresses.SENTIMENT_ANALYZE, req.toJson()).await(10, TimeUnit.SECONDS).body();
    assertTrue(typed instanceof SentimentAnnotation, "a record back, no JSON round trip: " + typed.getClass());
    assertTrue(json instanceof JsonObject, "JSON back to a JSON request: " + json.getClass());
    assertEquals(((JsonObject) json).encode(), ((SentimentAnnotation) typed).toJson().encode(), "the same annotation either way");
    assertFalse(((SentimentAnnotation) typed).newEscalations().isEmpty(), "a request that escalates, so the comparison covers the call state");
  }

  @Test
  void repeatedTriggerAlertsExactlyOnce(Vertx vertx, VertxTestContext ctx) {
    List<Alert> alerts = new CopyOnWriteArrayList<>();
    String text = "Let me speak to a manager right now";
    vertx.eventBus().<JsonObject>consumer(Addresses.ALERTS, m -> alerts.add(Alert.fromJson(m.body())))
        .completion()
        .compose(v -> analyze(vertx, request(3, text, CallSentimentState.initial())))
        .compose(first -> {
          ctx.verify(() -> {
            assertEquals(List.of("human_requested"), first.newEscalations());
            assertTrue(first.call().escalations().contains("human_requested"));
          });
          return analyze(vertx, request(4, text, first.call()));
        })
        .compose(second -> {
          ctx.verify(() -> {
            assertTrue(second.newEscalations().isEmpty(), "already raised for this call");
            assertEquals(List.of("human_requested"), second.call().escalations());
          });
          // a later line with another reason: its alert arriving proves a duplicate would have too
          return analyze(vertx, request(5, "i'm going to report you to the ombudsman", second.call()));
        })
        .compose(third -> {
          ctx.verify(() -> assertTrue(third.newEscalations().contains("legal_threat"), third.newEscalations().toString()));
          return waitFor(vertx, () -> alerts.stream().anyMatch(a -> a.reasons().contains("legal_threat")));
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(2, alerts.size(), alerts.toString());
          Alert a = alerts.get(0);
          assertEquals("room-1", a.room());
          assertEquals("sess-1", a.sessionId());
          assertEquals("human_requested", a.reason());
          assertEquals(List.of("human_requested"), a.reasons());
          assertEquals(3, a.seq());
          assertEquals(5, alerts.get(1).seq());
          assertFalse(a.detail().toLowerCase().contains("right now"), "no transcript text in alerts");
          assertTrue(a.at() > 0);
          ctx.completeNow();
        })));
  }

  @Test
  void oneLineWithSeveralReasonsIsOneAlertCarryingThemAll(Vertx vertx, VertxTestContext ctx) {
    List<Alert> alerts = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.ALERTS, m -> alerts.add(Alert.fromJson(m.body())))
        .completion()
        .compose(v -> analyze(vertx, request(7, "this is the third time i'm calling, get me a manager or i'm cancelling", CallSentimentState.initial())))
        .compose(a -> {
          ctx.verify(() -> assertEquals(List.of("human_requested", "cancel_threat", "repeated_complaint"), a.newEscalations()));
          return waitFor(vertx, () -> !alerts.isEmpty());
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          Alert a = alerts.get(0);
          assertEquals("human_requested", a.reason(), "the most urgent reason leads");
          assertEquals(List.of("human_requested", "cancel_threat", "repeated_complaint"), a.reasons());
          assertEquals(7, a.seq(), "the line to jump to");
          ctx.completeNow();
        })));
  }

  /** Polls a condition on the event loop until it holds (fails after 5 s). */
  private static io.vertx.core.Future<Void> waitFor(Vertx vertx, java.util.function.BooleanSupplier cond) {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    long deadline = System.currentTimeMillis() + 5000;
    vertx.setPeriodic(10, id -> {
      if (cond.getAsBoolean()) {
        vertx.cancelTimer(id);
        done.tryComplete();
      } else if (System.currentTimeMillis() > deadline) {
        vertx.cancelTimer(id);
        done.tryFail("condition not met in 5 s");
      }
    });
    return done.future();
  }

  @Test
  void agentLatencyFromTheRequestEscalates(Vertx vertx, VertxTestContext ctx) {
    var req = new SentimentRequest("room-2", "s", 1, "Hello?", "en", 6500, CallSentimentState.initial());
    analyze(vertx, req).onComplete(ctx.succeeding(a -> ctx.verify(() -> {
      assertEquals(List.of("agent_latency"), a.newEscalations());
      ctx.completeNow();
    })));
  }

  @Test
  void badInputIsA400WithAClearMessage(Vertx vertx, VertxTestContext ctx) {
    JsonObject valid = request(1, "hi", CallSentimentState.initial()).toJson();
    List<Object> bodies = List.of(
        valid.copy().put("text", (Object) null),
        valid.copy().put("text", 42),
        valid.copy().put("text", "   "),
        valid.copy().put("seq", "seven"),
        valid.copy().put("prior", "none"),
        valid.copy().put("prior", new JsonObject().put("turns", "x")),
        valid.copy().put("room", (Object) null),
        "{not json",
        "[1,2]");
    List<String> expectedWords = List.of("text", "text", "text", "seq", "prior", "turns", "room", "JSON", "JSON");
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < bodies.size(); i++) {
      Object body = bodies.get(i);
      String word = expectedWords.get(i);
      chain = chain.compose(v -> vertx.eventBus().request(Addresses.SENTIMENT_ANALYZE, body)
          .transform(ar -> {
            ctx.verify(() -> {
              assertTrue(ar.failed(), "accepted " + body);
              ReplyException e = (ReplyException) ar.cause();
              assertEquals(BusErrors.BAD_REQUEST, e.failureCode(), body + " → " + e.getMessage());
              assertTrue(e.getMessage().contains(word), body + " → " + e.getMessage());
            });
            return Future.<Void>succeededFuture();
          }));
    }
    // the verticle still serves after all that
    chain.compose(v -> analyze(vertx, request(2, "thanks, brilliant", CallSentimentState.initial())))
        .onComplete(ctx.succeeding(a -> ctx.verify(() -> {
          assertEquals("positive", a.label());
          ctx.completeNow();
        })));
  }
}
