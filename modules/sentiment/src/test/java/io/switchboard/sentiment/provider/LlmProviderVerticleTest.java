package io.switchboard.sentiment.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.sentiment.CallSentimentState;
import io.switchboard.contract.sentiment.SentimentAnnotation;
import io.switchboard.contract.sentiment.SentimentRequest;
import io.switchboard.sentiment.SentimentVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The verticle wired with {@code sentiment.provider=llm}: the source tells which model answered. */
@ExtendWith(VertxExtension.class)
class LlmProviderVerticleTest {
  private final FakeChatCompletionsServer fake = new FakeChatCompletionsServer();

  private static JsonObject config(int port) {
    return new JsonObject()
        .put("sentiment", new JsonObject()
            .put("provider", "llm")
            .put("llm", new JsonObject()
                .put("url", "http://127.0.0.1:" + port + "/v1")
                .put("model", "test-model")
                .put("timeout", new JsonObject().put("ms", 300))));
  }

  @Test
  void llmAnswersAndFallbackIsMarkedEmbedded(Vertx vertx, VertxTestContext ctx) {
    fake.content("{\"label\":\"neutral\",\"score\":0.05,\"confidence\":0.6}");
    SentimentRequest req = new SentimentRequest("r", "s", 1, "I'm furious", "en", -1, CallSentimentState.initial());
    fake.start(vertx)
        .compose(port -> vertx.deployVerticle(new SentimentVerticle(), new DeploymentOptions().setConfig(config(port))))
        .compose(id -> vertx.eventBus().<JsonObject>request(Addresses.SENTIMENT_ANALYZE, req.toJson()))
        .map(Message::body)
        .map(SentimentAnnotation::fromJson)
        .compose(a -> {
          ctx.verify(() -> {
            assertEquals("llm", a.source());
            assertEquals("neutral", a.label());
          });
          fake.mode(FakeChatCompletionsServer.Mode.SERVER_ERROR);
          return vertx.eventBus().<JsonObject>request(Addresses.SENTIMENT_ANALYZE, req.toJson());
        })
        .map(Message::body)
        .map(SentimentAnnotation::fromJson)
        .onComplete(ctx.succeeding(a -> ctx.verify(() -> {
          assertEquals("embedded", a.source());
          assertEquals("negative", a.label());
          ctx.completeNow();
        })));
  }

  @Test
  void unknownProviderFailsDeployment(Vertx vertx, VertxTestContext ctx) {
    vertx.deployVerticle(new SentimentVerticle(),
            new DeploymentOptions().setConfig(new JsonObject().put("sentiment.provider", "magic")))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertEquals(true, err.getMessage().contains("sentiment.provider"), err.getMessage());
          ctx.completeNow();
        })));
  }
}
