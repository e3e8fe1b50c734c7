package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.testkit.BridgeClient;
import io.switchboard.testkit.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default survives its own Redis: {@code kill -9} of the child mid-call, the node
 * restarts it from its append-only file, {@code /health} is UP again, the call and every line
 * acknowledged before the kill are still there, new events are accepted, and a dashboard that
 * stayed connected gets the new line.
 */
@ExtendWith(VertxExtension.class)
class EmbeddedRedisKillTest {

  @Test
  void killedEmbeddedRedisIsRestartedAndTheLiveCallContinues(Vertx vertx, @TempDir Path dataDir) throws Exception {
    try (TestNode node = TestNode.start(null, "gateway,ingest,debouncer", new JsonObject().put("data.dir", dataDir.toString()));
        AgentPoster agent = new AgentPoster(vertx, node.port(), "kill-room", "kill-1", false)) {
      assertEquals(202, agent.post("call_started", new JsonObject()).await(5, TimeUnit.SECONDS).statusCode());
      for (int i = 1; i <= 3; i++) {
        assertEquals(202, agent.line("user", "before " + i).await(5, TimeUnit.SECONDS).statusCode());
      }
      CallListClient list = new CallListClient(node.bridge(vertx, "viewer"));
      list.join().await(5, TimeUnit.SECONDS);
      List<JsonObject> deltas = new CopyOnWriteArrayList<>();
      BridgeClient room = node.bridge(vertx, "viewer");
      room.register(Addresses.call("kill-room"), deltas::add).await(5, TimeUnit.SECONDS);
      await(() -> list.rooms().contains("kill-room"), 5000, "call listed before the kill");

      long pid = redisChild();
      assertTrue(pid > 0, "embedded Redis runs as a child process");
      assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly(), "SIGKILL sent"); // kill -9
      long killedAt = System.currentTimeMillis();

      await(() -> redisChild() > 0 && redisChild() != pid, 15_000, "embedded Redis restarted");
      WebClient web = WebClient.create(vertx);
      await(() -> status(web, node.port()) == 200, 15_000, "/health UP again");
      // within 15 s of the kill; any answer but 503 before the 202 fails at once
      Eventually.eventually("new events accepted after the restart", Duration.ofMillis(Math.max(1, 15_000 - (System.currentTimeMillis() - killedAt))), () -> {
        int accepted = agent.line("agent", "after the restart").await(5, TimeUnit.SECONDS).statusCode();
        if (accepted != 202) {
          assertEquals(503, accepted, "during the restart agents get a 503, nothing else");
        }
        return accepted == 202;
      });

      JsonObject history = node.bridge(vertx, "viewer")
          .request(Addresses.CALL_HISTORY, new JsonObject().put("room", "kill-room")).await(5, TimeUnit.SECONDS);
      List<String> texts = new ArrayList<>();
      List<Long> seqs = new ArrayList<>();
      for (Object o : history.getJsonArray("lines")) {
        JsonObject l = (JsonObject) o;
        seqs.add(l.getLong("seq"));
        if (l.getString("text") != null) {
          texts.add(l.getString("text"));
        }
      }
      assertEquals(List.of("before 1", "before 2", "before 3", "after the restart"), texts);
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seqs, "no line lost, none doubled");
      assertEquals("active", history.getJsonObject("snapshot").getString("status"), history.encode());

      await(() -> deltas.stream().flatMap(d -> d.getJsonArray("lines").stream())
          .anyMatch(l -> "after the restart".equals(((JsonObject) l).getString("text"))), 5000,
          "the dashboard connected through the kill gets the new line");
      await(() -> list.rooms().contains("kill-room"), 5000, "call still listed");
      web.close();
    }
  }

  @Test
  void twoNodesCannotShareOneEmbeddedRedisDataDir(@TempDir Path dataDir) {
    try (EmbeddedRedis first = EmbeddedRedis.start(0, dataDir.toFile())) {
      StartupException e = org.junit.jupiter.api.Assertions.assertThrows(StartupException.class,
          () -> EmbeddedRedis.start(0, dataDir.toFile()).close());
      assertTrue(e.getMessage().contains("in use by another node"), e.getMessage());
      assertTrue(first.pid() > 0, "the first keeps running");
    }
  }

  /** The pid of this JVM's redis-server child, -1 when there is none. */
  private static long redisChild() {
    return ProcessHandle.current().children()
        .filter(p -> p.isAlive() && p.info().command().map(c -> c.contains("redis-server")).orElse(false))
        .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
  }

  private static int status(WebClient web, int port) {
    try {
      return web.get(port, "127.0.0.1", "/health").send().await(5, TimeUnit.SECONDS).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static void await(BooleanSupplier condition, long ms, String what) {
    Eventually.eventually(what, Duration.ofMillis(ms), condition::getAsBoolean);
  }
}
