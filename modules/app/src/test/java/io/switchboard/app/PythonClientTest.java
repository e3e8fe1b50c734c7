package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.AgentControl;
import io.switchboard.testkit.FreePort;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The stdlib-only Python client (clients/python) against a real gateway: its HTTP events land in
 * call.history, and a supervisor control published on agent.&lt;room&gt;.control reaches it over the
 * TCP event-bus bridge authenticated with its agent key.
 */
class PythonClientTest {

  @Test
  void pythonAgentPostsEventsAndReceivesControl() throws Exception {
    Assumptions.assumeTrue(python3Available(), "python3 not installed");
    int bridgePort = FreePort.get();
    try (TestRedis redis = TestRedis.start();
        TestNode node = TestNode.start(redis.url(), "gateway,ingest,debouncer", new JsonObject().put("tcp.bridge.port", bridgePort))) {
      String room = "py-" + System.nanoTime();
      Path script = Path.of("..", "..", "clients", "python", "examples", "gateway_smoke.py").toAbsolutePath().normalize();
      ProcessBuilder pb = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true);
      pb.environment().put("SWITCHBOARD_URL", "http://127.0.0.1:" + node.port());
      pb.environment().put("SWITCHBOARD_AGENT_KEY", TestNode.AGENT_KEY);
      pb.environment().put("SWITCHBOARD_BRIDGE_PORT", String.valueOf(bridgePort));
      pb.environment().put("ROOM", room);
      Process python = pb.start();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
        String ready = out.readLine();
        assertTrue(ready != null && ready.startsWith("READY " + room), "python said: " + ready);

        JsonObject history = node.node().vertx().eventBus()
            .<JsonObject>request(Addresses.CALL_HISTORY, new JsonObject().put("room", room)).await(5, TimeUnit.SECONDS).body();
        List<String> texts = history.getJsonArray("lines").stream().map(JsonObject.class::cast)
            .filter(l -> "transcript".equals(l.getString("kind"))).map(l -> l.getString("text")).toList();
        assertEquals(List.of("Hello from the Python agent", "I was charged twice", "Let me check that for you"), texts);
        assertEquals("py-session-1", history.getString("session_id"));
        assertEquals("test-agent", history.getJsonObject("snapshot").getString("agent"), "agent name from its key");

        AgentControl guide = new AgentControl(AgentControl.GUIDE, room, "py-session-1", "offer a refund", "supervisor", System.currentTimeMillis());
        long timer = node.node().vertx().setPeriodic(100, 200, id -> node.node().vertx().eventBus().publish(Addresses.agentControl(room), guide.toJson()));
        String control = out.readLine();
        node.node().vertx().cancelTimer(timer);
        assertTrue(control != null && control.startsWith("CONTROL "), "python said: " + control);
        JsonObject body = new JsonObject(control.substring("CONTROL ".length()));
        assertEquals("guide", body.getString("type"));
        assertEquals("offer a refund", body.getString("text"));
      }
      assertTrue(python.waitFor(20, TimeUnit.SECONDS));
      assertEquals(0, python.exitValue());
    }
  }

  private static boolean python3Available() {
    try {
      return new ProcessBuilder("python3", "--version").start().waitFor(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return false;
    }
  }
}
