package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.testkit.Eventually;
import io.switchboard.testkit.RedisCallReads;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Customers' lines annotated before they are written (docs/architecture.md#sentiment-inline), over
 * HTTP on a real node and Redis: each annotation follows its line, the annotations are the ones the
 * second-write path stores, and a sentiment that does not answer never holds an agent's POST.
 */
@ExtendWith(VertxExtension.class)
class SentimentInlineEndToEndTest {
  private static final List<String> CUSTOMER =
      List.of("hi, my parcel has not arrived", "I already told you that twice", "this is useless",
          "I want to speak to a human now", "fine, thanks");

  @Test
  void eachCustomerLineIsStoredWithItsAnnotationAndTheAnnotationsMatchTheSecondWritePath(Vertx vertx) throws Exception {
    Map<Long, JsonObject> inline;
    Map<Long, JsonObject> after;
    try (TestRedis redis = TestRedis.start(); TestNode node = TestNode.start(redis.url(), "gateway,ingest,debouncer,sentiment", new JsonObject())) {
      String room = room();
      RedisAPI api = RedisAPI.api(Redis.createClient(vertx, redis.url()));
      List<Map<String, String>> log = talk(vertx, node, api, room);
      // every customer line at seq n has its annotation at n + 1: written with it, no line between
      for (int i = 0; i < log.size(); i++) {
        JsonObject line = new JsonObject(log.get(i).get("line"));
        if ("transcript".equals(line.getString("kind")) && "user".equals(line.getString("role"))) {
          JsonObject next = new JsonObject(log.get(i + 1).get("line"));
          assertEquals("annotation", next.getString("kind"), "the line after customer line " + line);
          assertEquals(seq(log.get(i)), next.getLong("ref"));
        }
      }
      inline = annotations(log);
      PrometheusText metrics = scrape(vertx, node);
      assertEquals(CUSTOMER.size(), metrics.sum("switchboard_ingest_sentiment_total", "outcome=\"inline\""), metrics.lines("switchboard_ingest_sentiment"));
      assertEquals(0, metrics.sum("switchboard_ingest_sentiment_total", "outcome=\"after\""));
      Map<String, String> hash = RedisCallReads.hash(api, room);
      assertTrue(hash.get("escalation").contains("human_requested"), "the call-level fields are the annotations' too: " + hash);
    }
    try (TestRedis redis = TestRedis.start();
        TestNode node = TestNode.start(redis.url(), "gateway,ingest,debouncer,sentiment", new JsonObject().put("ingest.sentiment.inline.ms", 0))) {
      String room = room();
      RedisAPI api = RedisAPI.api(Redis.createClient(vertx, redis.url()));
      List<Map<String, String>> log = talk(vertx, node, api, room);
      after = annotations(log);
      PrometheusText metrics = scrape(vertx, node);
      assertEquals(CUSTOMER.size(), metrics.sum("switchboard_ingest_sentiment_total", "outcome=\"after\""), metrics.lines("switchboard_ingest_sentiment"));
    }
    // the same lines, so the same annotations, keyed by the customer line's position in the call
    assertEquals(byTurn(after), byTurn(inline));
  }

  @Test
  void aSentimentThatDoesNotAnswerDoesNotHoldTheAgent(Vertx vertx) throws Exception {
    try (TestRedis redis = TestRedis.start();
        TestNode node = TestNode.start(redis.url(), "gateway,ingest,debouncer", new JsonObject().put("ingest.sentiment.inline.ms", 20))) {
      // a sentiment instance that never replies (a stuck LLM provider), on the node's own bus
      node.node().vertx().eventBus().consumer(Addresses.SENTIMENT_ANALYZE, m -> { }).completion().await(5, TimeUnit.SECONDS);
      String room = room();
      RedisAPI api = RedisAPI.api(Redis.createClient(vertx, redis.url()));
      AgentPoster agent = new AgentPoster(vertx, node.port(), room, "s-stuck", false);
      assertEquals(202, agent.post("call_started", new JsonObject()).await(5, TimeUnit.SECONDS).statusCode());
      long t0 = System.nanoTime();
      assertEquals(202, agent.line("user", "hello?").await(5, TimeUnit.SECONDS).statusCode());
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      // the second-write path's own wait is 3 s: far above the inline deadline plus this machine's noise
      assertTrue(ms < 1500, "the agent's POST took " + ms + " ms");
      assertEquals("2", RedisCallReads.hash(api, room).get("last_seq"), "the line is stored");
      PrometheusText metrics = scrape(vertx, node);
      assertEquals(1, metrics.sum("switchboard_ingest_sentiment_total", "outcome=\"missed\""), metrics.lines("switchboard_ingest_sentiment"));
      agent.close();
    }
  }

  private static String room() {
    return "inline-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A call of agent and customer turns, each POST answered before the next; returns the settled log. */
  private static List<Map<String, String>> talk(Vertx vertx, TestNode node, RedisAPI api, String room) throws Exception {
    AgentPoster agent = new AgentPoster(vertx, node.port(), room, "s-1", false);
    assertEquals(202, agent.post("call_started", new JsonObject().put("language", "en")).await(5, TimeUnit.SECONDS).statusCode());
    for (int turn = 1; turn <= CUSTOMER.size(); turn++) {
      String text = CUSTOMER.get(turn - 1);
      assertEquals(202, agent.line("agent", "how can I help you today?").await(5, TimeUnit.SECONDS).statusCode());
      assertEquals(202, agent.line("user", text).await(5, TimeUnit.SECONDS).statusCode());
      // the second-write path annotates after the reply: let it land before the next turn
      // (call_started, then per turn the agent's line, the customer's and its annotation)
      long expected = 1 + 3L * turn;
      Eventually.eventually("annotation of " + text, Duration.ofSeconds(5), () -> lastSeq(api, room) >= expected);
    }
    agent.close();
    return RedisCallReads.log(api, room);
  }

  private static Map<Long, JsonObject> annotations(List<Map<String, String>> log) {
    Map<Long, JsonObject> out = new LinkedHashMap<>();
    for (Map<String, String> e : log) {
      JsonObject line = new JsonObject(e.get("line"));
      if ("annotation".equals(line.getString("kind"))) {
        out.put(line.getLong("ref"), line);
      }
    }
    assertEquals(CUSTOMER.size(), out.size(), "one annotation per customer line: " + log);
    return out;
  }

  /** Annotations without their seqs and times, in call order. */
  private static List<JsonObject> byTurn(Map<Long, JsonObject> annotations) {
    List<JsonObject> out = new ArrayList<>();
    annotations.values().forEach(a -> {
      JsonObject c = a.copy();
      c.remove("ref");
      c.remove("ts");
      out.add(c);
    });
    return out;
  }

  private static long seq(Map<String, String> entry) {
    return Long.parseLong(entry.get("id").split("-")[0]);
  }

  private static PrometheusText scrape(Vertx vertx, TestNode node) throws Exception {
    WebClient web = WebClient.create(vertx);
    try {
      return new PrometheusText(web.get(node.port(), "127.0.0.1", "/metrics").send().await(5, TimeUnit.SECONDS).bodyAsString());
    } finally {
      web.close();
    }
  }

  private static long lastSeq(RedisAPI api, String room) {
    String s = RedisCallReads.hash(api, room).get("last_seq");
    return s == null ? 0 : Long.parseLong(s);
  }
}
