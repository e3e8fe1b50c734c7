package io.switchboard.app;

import static io.switchboard.testkit.Eventually.eventually;
import static io.switchboard.testkit.Eventually.eventuallyGet;
import static io.switchboard.testkit.Eventually.never;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Supervisor actions through the real stack without LiveKit: the simulated agent stops speaking
 * while a supervisor holds the call and resumes the same session on hand-back; every action is
 * audited in MongoDB; a call that ends on its own releases the takeover.
 */
@ExtendWith(VertxExtension.class)
class SupervisorControlTest {
  private static TestRedis redis;
  private static TestNode node;
  private static Vertx vertx;
  private static WebClient web;

  @BeforeAll
  static void start() {
    redis = TestRedis.start();
    node = TestNode.start(redis.url(), "gateway,ingest,debouncer,control,agent-pipeline,analytics", new JsonObject()
        .put("simulator.enabled", true)
        .put("simulator.calls", 2)
        .put("simulator.speed", 6)
        .put("simulator.scenarios", "billing_dispute,happy_resolution")
        .put("simulator.seed", 7));
    vertx = Vertx.vertx();
    web = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    web.close();
    vertx.close();
    node.close();
    redis.close();
  }

  private static HttpResponse<Buffer> act(String token, String room, String action, JsonObject body) throws Exception {
    return web.post(node.port(), "127.0.0.1", "/api/calls/" + room + "/" + action).bearerTokenAuthentication(token)
        .sendJsonObject(body).await(20, TimeUnit.SECONDS);
  }

  private static JsonObject history(String token, String room) throws Exception {
    return web.get(node.port(), "127.0.0.1", "/api/calls/" + room + "/history").bearerTokenAuthentication(token).send()
        .await(10, TimeUnit.SECONDS).bodyAsJsonObject();
  }

  private static List<JsonObject> agentLines(JsonObject history, long afterSeq) {
    return history.getJsonArray("lines").stream().map(JsonObject.class::cast)
        .filter(l -> "transcript".equals(l.getString("kind")) && "agent".equals(l.getString("role")) && l.getLong("seq") > afterSeq)
        .toList();
  }

  /** A simulated call that has been talking for a while. */
  private static String liveSimulatedCall(String token) throws Exception {
    return eventuallyGet("a simulated call becomes live", Duration.ofSeconds(30), () -> {
      JsonArray calls = web.get(node.port(), "127.0.0.1", "/api/calls").bearerTokenAuthentication(token).send()
          .await(10, TimeUnit.SECONDS).bodyAsJsonObject().getJsonArray("calls");
      for (Object o : calls) {
        JsonObject c = (JsonObject) o;
        if (c.getString("room").startsWith("sim-") && c.getLong("last_seq", 0L) >= 4) {
          return c.getString("room");
        }
      }
      return null;
    });
  }

  @Test
  void takeoverPausesTheSimulatedAgentAndHandbackResumesTheSameSession() throws Exception {
    String sup = node.login(vertx, "supervisor");
    String room = liveSimulatedCall(sup);
    String session = history(sup, room).getString("session_id");

    HttpResponse<Buffer> took = act(sup, room, "takeover", new JsonObject());
    assertEquals(200, took.statusCode(), took.bodyAsString());
    // a line already on its way to ingest may still land: the agent reporting itself paused is the
    // marker that it has stopped, so count from there
    JsonObject paused = eventuallyGet("the agent reports itself paused", Duration.ofSeconds(10), () -> {
      JsonObject h = history(sup, room);
      return "paused".equals(h.getJsonObject("snapshot").getString("agent_state")) ? h : null;
    });
    long heldFrom = paused.getLong("lastSeq");
    // a paused agent emits nothing to wait for: a bounded check over 4 s, in which the agent at 6×
    // speed would have spoken several times
    never("an agent line while taken over", Duration.ofSeconds(4), () -> !agentLines(history(sup, room), heldFrom).isEmpty());
    JsonObject during = history(sup, room);
    assertEquals(session, during.getString("session_id"), "same call");
    assertTrue(agentLines(during, heldFrom).isEmpty(), "no agent lines while taken over: " + agentLines(during, heldFrom));
    assertEquals("supervisor", during.getJsonObject("snapshot").getString("takeover_by"));
    assertEquals("paused", during.getJsonObject("snapshot").getString("agent_state"));

    HttpResponse<Buffer> back = act(sup, room, "handback", new JsonObject());
    assertEquals(200, back.statusCode(), back.bodyAsString());
    eventually("the agent speaks again after hand-back", Duration.ofSeconds(10),
        () -> assertFalse(agentLines(history(sup, room), heldFrom).isEmpty(), "the agent speaks again after hand-back"));
    JsonObject after = history(sup, room);
    assertEquals(session, after.getString("session_id"), "resume continues the same session");
    assertEquals("", after.getJsonObject("snapshot").getString("takeover_by"));

    // every action is audited (analytics → MongoDB), readable by an admin
    String admin = node.login(vertx, "admin");
    JsonArray items = eventuallyGet("both actions audited", Duration.ofSeconds(5), () -> {
      JsonArray got = web.get(node.port(), "127.0.0.1", "/api/audit?room=" + room).bearerTokenAuthentication(admin).send()
          .await(10, TimeUnit.SECONDS).bodyAsJsonObject().getJsonArray("items", new JsonArray());
      return got.size() >= 2 ? got : null;
    });
    assertEquals(2, items.size(), items.encode());
    assertTrue(items.stream().map(JsonObject.class::cast).allMatch(i -> "supervisor".equals(i.getString("who")) && "ok".equals(i.getString("result"))));
  }

  @Test
  void aCallThatEndsOnItsOwnReleasesTheTakeover() throws Exception {
    String sup = node.login(vertx, "supervisor");
    String admin = node.login(vertx, "admin");
    AgentPoster first = new AgentPoster(vertx, node.port(), "held-room", "s-1", false);
    first.post("call_started", new JsonObject()).await(5, TimeUnit.SECONDS);
    assertEquals(200, act(sup, "held-room", "takeover", new JsonObject()).statusCode());
    assertEquals(409, act(admin, "held-room", "takeover", new JsonObject()).statusCode(), "held by the supervisor");
    first.post("call_ended", new JsonObject().put("reason", "customer_hangup")).await(5, TimeUnit.SECONDS);
    AgentPoster second = new AgentPoster(vertx, node.port(), "held-room", "s-2", false);
    assertEquals(202, second.post("call_started", new JsonObject()).await(5, TimeUnit.SECONDS).statusCode());
    HttpResponse<Buffer> fresh = act(admin, "held-room", "takeover", new JsonObject());
    assertEquals(200, fresh.statusCode(), "a new call is held by nobody: " + fresh.bodyAsString());
  }
}
