package io.switchboard.sentiment.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sentiment.SentimentConfig;
import io.switchboard.sentiment.model.EmbeddedSentimentModel;
import io.switchboard.sentiment.model.SentimentLabel;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class LlmSentimentProviderTest {
  private final FakeChatCompletionsServer fake = new FakeChatCompletionsServer();
  /** Long enough for a first request on a loaded 2-core machine, short enough to test. */
  private static final int TIMEOUT_MS = 3000;
  private SentimentProvider provider;
  private LlmSentimentProvider llm;

  @BeforeEach
  void setUp(Vertx vertx, VertxTestContext ctx) {
    fake.start(vertx).onComplete(ctx.succeeding(port -> {
      SentimentConfig cfg = new SentimentConfig("llm", "http://127.0.0.1:" + port + "/v1/", "sk-test", "test-model", TIMEOUT_MS);
      llm = new LlmSentimentProvider(WebClient.create(vertx), cfg);
      provider = new FallbackSentimentProvider(llm, new EmbeddedSentimentProvider(EmbeddedSentimentModel.withDefaultLexicon()));
      ctx.completeNow();
    }));
  }

  @Test
  void usesTheLlmVerdictAndSendsAProperRequest(VertxTestContext ctx) {
    fake.content("{\"label\":\"positive\",\"score\":0.6,\"confidence\":0.75}");
    // the embedded model would call this negative: a positive answer proves the LLM was used
    provider.analyze("this is awful", "en").onComplete(ctx.succeeding(s -> ctx.verify(() -> {
      assertEquals("llm", s.source());
      assertEquals(SentimentLabel.POSITIVE, s.label());
      assertEquals(0.6, s.score(), 1e-9);
      assertEquals(0.75, s.confidence(), 1e-9);
      var req = fake.lastRequest.get();
      assertEquals("test-model", req.getString("model"));
      assertEquals("json_object", req.getJsonObject("response_format").getString("type"));
      assertTrue(req.getJsonArray("messages").getJsonObject(1).getString("content").contains("this is awful"));
      assertEquals("Bearer sk-test", fake.lastAuthorization.get());
      ctx.completeNow();
    })));
  }

  @Test
  void garbageContentFallsBackToEmbedded(VertxTestContext ctx) {
    fake.mode(FakeChatCompletionsServer.Mode.GARBAGE);
    provider.analyze("this is awful", "en").onComplete(ctx.succeeding(s -> ctx.verify(() -> {
      assertEquals("embedded", s.source());
      assertEquals(SentimentLabel.NEGATIVE, s.label());
      ctx.completeNow();
    })));
  }

  @Test
  void invalidJsonVerdictFallsBack(VertxTestContext ctx) {
    fake.content("{\"label\":\"furious\",\"score\":-3}");
    llm.analyze("x", null).onComplete(ctx.failing(err -> ctx.verify(() -> {
      assertTrue(err instanceof LlmReplyException, err.toString());
      provider.analyze("thanks, that's sorted", null).onComplete(ctx.succeeding(s -> ctx.verify(() -> {
        assertEquals("embedded", s.source());
        assertEquals(SentimentLabel.POSITIVE, s.label());
        ctx.completeNow();
      })));
    })));
  }

  @Test
  void serverErrorFallsBackToEmbedded(VertxTestContext ctx) {
    fake.mode(FakeChatCompletionsServer.Mode.SERVER_ERROR);
    provider.analyze("thank you so much", null).onComplete(ctx.succeeding(s -> ctx.verify(() -> {
      assertEquals("embedded", s.source());
      assertEquals(SentimentLabel.POSITIVE, s.label());
      ctx.completeNow();
    })));
  }

  @Test
  void timeoutFallsBackToEmbeddedWithinTheBudget(VertxTestContext ctx) {
    fake.mode(FakeChatCompletionsServer.Mode.HANG);
    long t0 = System.nanoTime();
    provider.analyze("I was charged twice", null).onComplete(ctx.succeeding(s -> ctx.verify(() -> {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals("embedded", s.source());
      assertEquals(SentimentLabel.NEGATIVE, s.label());
      assertTrue(ms >= TIMEOUT_MS - 50 && ms < TIMEOUT_MS + 3000, "fell back after " + ms + " ms (timeout " + TIMEOUT_MS + " ms)");
      ctx.completeNow();
    })));
  }

  @Test
  void slowTrickleFallsBackAtTheDeadline(VertxTestContext ctx) {
    fake.mode(FakeChatCompletionsServer.Mode.TRICKLE);
    long t0 = System.nanoTime();
    provider.analyze("I was charged twice", null).onComplete(ctx.succeeding(s -> ctx.verify(() -> {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals("embedded", s.source());
      assertTrue(ms < TIMEOUT_MS + 1500, "fell back after " + ms + " ms although the server kept the stream busy");
      ctx.completeNow();
    })));
  }

  @Test
  void completionsUrlIsBuiltFromTheBaseUrl() {
    assertEquals("https://api.example.com/v1/chat/completions", LlmSentimentProvider.completionsUrl("https://api.example.com/v1"));
    assertEquals("https://api.example.com/v1/chat/completions", LlmSentimentProvider.completionsUrl("https://api.example.com/v1/"));
    assertEquals("http://h/v1/chat/completions", LlmSentimentProvider.completionsUrl("http://h/v1/chat/completions"));
  }
}
