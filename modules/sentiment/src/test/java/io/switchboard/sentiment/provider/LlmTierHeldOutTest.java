package io.switchboard.sentiment.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sentiment.SentimentConfig;
import io.switchboard.sentiment.eval.EvaluateLlmTier;
import io.switchboard.sentiment.eval.LabeledCsv;
import io.switchboard.sentiment.model.SentimentLabel;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The LLM tier over the whole held-out set against the local fake: shape only. The fake always
 * answers "negative", so its accuracy means nothing; what is measured is that every utterance is
 * sent, answered and parsed by the LLM path (no fallback), and the tier's overhead per utterance.
 */
class LlmTierHeldOutTest {
  @Test
  void everyHeldOutUtteranceGoesThroughTheLlmPath() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      FakeChatCompletionsServer fake = new FakeChatCompletionsServer();
      int port = fake.start(vertx).toCompletionStage().toCompletableFuture().join();
      var rows = LabeledCsv.readSentiment(Path.of(getClass().getResource("/eval/heldout-sentiment.csv").toURI()));
      // shape, not latency: a generous timeout so a loaded 2-core box never turns a slow answer into a fallback
      var cfg = new SentimentConfig("llm", "http://127.0.0.1:" + port + "/v1", "sk-fake", "fake-model", 30_000);
      EvaluateLlmTier.Result r = EvaluateLlmTier.run(vertx, rows, cfg);
      System.out.println(r.render());
      assertEquals(rows.size(), r.total());
      assertEquals(rows.size(), r.fromLlm(), "no utterance fell back");
      // the fake's constant verdict: every prediction is negative
      int predictedNegative = 0;
      for (SentimentLabel gold : SentimentLabel.values()) {
        predictedNegative += r.report().count(gold, SentimentLabel.NEGATIVE);
      }
      assertEquals(rows.size(), predictedNegative);
      assertTrue(fake.lastRequest.get().getJsonArray("messages").encode().contains(rows.get(rows.size() - 1).text()));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }
}
