package io.switchboard.app;

import static io.switchboard.testkit.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.testkit.BridgeClient;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An agent that keeps failing its turns raises {@code agent_failing} on the customer's line after
 * the second failed turn, although the customer says nothing alarming: ingest hands sentiment the
 * agent's lines and failed tool calls since the customer last spoke (AgentTurns). A call whose
 * agent does fine raises no such alert (proved by a later alert of that call arriving alone).
 */
@ExtendWith(VertxExtension.class)
class AgentFailingEndToEndTest {

  @Test
  void repeatedAgentFailuresEscalateOnTheCustomersNextLine(Vertx vertx) throws Exception {
    try (TestRedis redis = TestRedis.start();
        TestNode node = TestNode.start(redis.url(), "gateway,ingest,debouncer,sentiment,rules", new JsonObject());
        AgentPoster failing = new AgentPoster(vertx, node.port(), "af-room", "af-1", true);
        AgentPoster fine = new AgentPoster(vertx, node.port(), "ok-room", "ok-1", true)) {
      BridgeClient dashboard = node.bridge(vertx, "viewer");
      List<JsonObject> alerts = new CopyOnWriteArrayList<>();
      dashboard.register(Addresses.ALERTS, alerts::add).await(5, TimeUnit.SECONDS);

      for (AgentPoster a : List.of(failing, fine)) {
        assertEquals(202, a.post("call_started", new JsonObject()).await(5, TimeUnit.SECONDS).statusCode());
      }
      // turn 1: the agent did not understand; the customer answers calmly
      failing.line("agent", "sorry, i didn't quite catch that. could you repeat that please?").await(5, TimeUnit.SECONDS);
      failing.line("user", "my bill for march").await(5, TimeUnit.SECONDS);
      // turn 2: the agent's tool fails; the customer still calm
      failing.post("tool_call", new JsonObject().put("name", "lookup_bill").put("result", new JsonObject().put("error", "timeout"))).await(5, TimeUnit.SECONDS);
      failing.line("agent", "let me look that up for you.").await(5, TimeUnit.SECONDS);
      long trigger = failing.line("user", "the one from march").await(5, TimeUnit.SECONDS).bodyAsJsonObject().getLong("seq");

      fine.line("agent", "your bill for march is forty ringgit.").await(5, TimeUnit.SECONDS);
      fine.line("user", "ok and when is it due").await(5, TimeUnit.SECONDS);
      fine.line("agent", "it is due on the fifteenth.").await(5, TimeUnit.SECONDS);
      fine.line("user", "fine").await(5, TimeUnit.SECONDS);
      // a line that does escalate marks the end of the fine call's alerts
      fine.line("user", "actually i want to speak to a manager").await(5, TimeUnit.SECONDS);

      // the marker: the fine call's human_requested alert (its last line) has arrived, so any
      // earlier alert of that call would have too
      eventually("both calls' alerts", Duration.ofSeconds(10), () -> alerts.stream().anyMatch(a -> "af-room".equals(a.getString("room")))
          && alerts.stream().anyMatch(a -> "ok-room".equals(a.getString("room")) && String.valueOf(a.getValue("reasons")).contains("human_requested")));
      JsonObject af = alerts.stream().filter(a -> "af-room".equals(a.getString("room"))).findFirst().orElseThrow(() -> new AssertionError("no alert for the failing agent: " + alerts));
      assertTrue(af.getJsonArray("reasons").contains("agent_failing"), af.encode());
      assertEquals(trigger, af.getLong("seq"), "the alert points at the customer line after the second failed turn");
      List<JsonObject> ok = alerts.stream().filter(a -> "ok-room".equals(a.getString("room"))).toList();
      assertEquals(1, ok.size(), ok.toString());
      assertTrue(ok.get(0).getJsonArray("reasons").contains("human_requested") && !ok.get(0).getJsonArray("reasons").contains("agent_failing"), ok.toString());
      dashboard.close();
    }
  }

  /**
   * An agent's retried POST of the customer's earlier line is a duplicate: it is not stored, so it
   * must not use up the agent's turn either — the customer's next real line is judged with it.
   */
  @Test
  void aRetriedCustomerLineLeavesTheAgentsTurnForTheNextLine(Vertx vertx) throws Exception {
    try (TestRedis redis = TestRedis.start();
        TestNode node = TestNode.start(redis.url(), "gateway,ingest,debouncer,sentiment,rules", new JsonObject());
        AgentPoster failing = new AgentPoster(vertx, node.port(), "retry-room", "retry-1", true)) {
      BridgeClient dashboard = node.bridge(vertx, "viewer");
      List<JsonObject> alerts = new CopyOnWriteArrayList<>();
      dashboard.register(Addresses.ALERTS, alerts::add).await(5, TimeUnit.SECONDS);
      assertEquals(202, failing.post("call_started", new JsonObject()).await(5, TimeUnit.SECONDS).statusCode());
      failing.line("agent", "sorry, i didn't quite catch that. could you repeat that please?").await(5, TimeUnit.SECONDS);
      failing.line("user", "my bill for march", "u-1").await(5, TimeUnit.SECONDS);
      failing.post("tool_call", new JsonObject().put("name", "lookup_bill").put("result", new JsonObject().put("error", "timeout"))).await(5, TimeUnit.SECONDS);
      failing.line("agent", "let me look that up for you.").await(5, TimeUnit.SECONDS);
      JsonObject retried = failing.line("user", "my bill for march", "u-1").await(5, TimeUnit.SECONDS).bodyAsJsonObject();
      assertTrue(retried.getBoolean("duplicate"), retried.encode());
      long trigger = failing.line("user", "the one from march").await(5, TimeUnit.SECONDS).bodyAsJsonObject().getLong("seq");

      eventually("the failing agent's alert", Duration.ofSeconds(10), () -> alerts.stream().anyMatch(a -> "retry-room".equals(a.getString("room"))));
      JsonObject alert = alerts.stream().filter(a -> "retry-room".equals(a.getString("room"))).findFirst().orElseThrow();
      assertTrue(alert.getJsonArray("reasons").contains("agent_failing"), alert.encode());
      assertEquals(trigger, alert.getLong("seq"), "the line after the retry carries the agent's second failed turn");
      dashboard.close();
    }
  }
}
