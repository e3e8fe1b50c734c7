package io.switchboard.app;

import static io.switchboard.testkit.Eventually.eventuallyGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.switchboard.contract.live.RedisKeys;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An agent that ends a call with a reason Switchboard does not know still ends the call: it is
 * stored and archived as {@code unknown} with the agent's raw value kept (docs/kpis.md), instead
 * of a 400 that leaves a ghost call live until LiveKit notices.
 */
@ExtendWith(VertxExtension.class)
class UnknownEndReasonTest {

  @Test
  void anUnrecognisedReasonEndsTheCallAsUnknownAndKeepsTheRawValue(Vertx vertx) throws Exception {
    try (TestRedis redis = TestRedis.start();
        TestNode node = TestNode.start(redis.url(), "gateway,ingest,debouncer,analytics", new JsonObject());
        AgentPoster agent = new AgentPoster(vertx, node.port(), "ur-room", "ur-1", false)) {
      assertEquals(202, agent.post("call_started", new JsonObject()).await(5, TimeUnit.SECONDS).statusCode());
      HttpResponse<Buffer> ended =
          agent.post("call_ended", new JsonObject().put("reason", "Carrier-Dropped")).await(5, TimeUnit.SECONDS);
      assertEquals(202, ended.statusCode(), ended.bodyAsString());

      RedisAPI api = RedisAPI.api(Redis.createClient(vertx, redis.url()));
      Response hash = api.hgetall(RedisKeys.call("ur-room")).await(5, TimeUnit.SECONDS);
      assertEquals("ended", hash.get("status").toString());
      assertEquals("unknown", hash.get("end_reason").toString());
      assertEquals("Carrier-Dropped", hash.get("end_reason_raw").toString());
      assertNull(api.zscore(RedisKeys.ACTIVE_CALLS, "ur-room").await(5, TimeUnit.SECONDS), "no longer live");

      MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", node.node().mongoUrl()).put("db_name", "switchboard"));
      JsonObject doc = eventuallyGet("the call archived within 10 s", Duration.ofSeconds(10), () -> {
        List<JsonObject> docs = mongo.find("calls", new JsonObject().put("room", "ur-room")).await(5, TimeUnit.SECONDS);
        return docs.isEmpty() ? null : docs.get(0);
      });
      assertEquals("unknown", doc.getString("end_reason"));
      assertEquals("Carrier-Dropped", doc.getString("end_reason_raw"));
      mongo.close();
    }
  }
}
