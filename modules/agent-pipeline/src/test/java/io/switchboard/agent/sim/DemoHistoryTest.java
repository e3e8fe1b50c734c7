package io.switchboard.agent.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.agent.AgentPipelineVerticle;
import io.switchboard.agent.EventRecorder;
import io.switchboard.contract.Addresses;
import io.switchboard.agent.AgentPipelineConfig;
import io.switchboard.contract.live.ArchivedCall;
import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.LogLine;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Demo history: only into an empty archive, every call marked demo, off unless asked for. */
@ExtendWith(VertxExtension.class)
class DemoHistoryTest {

  /** Stands in for analytics: answers KPI queries with {@code existing} calls and records call.ended bodies. */
  private static final class FakeArchive {
    final List<JsonObject> archived = new ArrayList<>();
    final AtomicInteger queries = new AtomicInteger();

    Future<Void> register(Vertx vertx, long existing) {
      return Future.all(
          vertx.eventBus().<JsonObject>consumer(Addresses.ANALYTICS_QUERY, m -> {
            queries.incrementAndGet();
            m.reply(new JsonObject().put("totals", new JsonObject().put("calls", existing)));
          }).completion(),
          vertx.eventBus().<JsonObject>consumer(Addresses.CALL_ENDED, m -> {
            archived.add(m.body());
            m.reply(new JsonObject().put("ok", true));
          }).completion()).mapEmpty();
    }
  }

  private static Future<ScenarioCatalog> catalog(Vertx vertx) {
    return ScenarioCatalog.load(vertx, ScenarioCatalog.DEFAULT_DIR, List.of());
  }

  @Test
  void generatedCallsAreMarkedDemoAndSpreadOverTheDays(Vertx vertx, VertxTestContext ctx) {
    Instant now = Instant.parse("2026-12-01T15:00:00Z");
    catalog(vertx).onComplete(ctx.succeeding(c -> ctx.verify(() -> {
      List<ArchivedCall> calls = DemoHistory.generate(c, now, 3, 40, new Random(1));
      assertEquals(120, calls.size());
      Set<String> sessions = new HashSet<>();
      Set<String> days = new HashSet<>();
      Set<String> reasons = new HashSet<>();
      Set<String> labels = new HashSet<>();
      for (ArchivedCall call : calls) {
        JsonObject f = call.fields();
        assertEquals(Boolean.TRUE, f.getValue(CallFields.DEMO), "marked demo");
        assertTrue(sessions.add(call.sessionId()), "unique session " + call.sessionId());
        long started = f.getLong(CallFields.STARTED_AT);
        long ended = f.getLong(CallFields.ENDED_AT);
        assertTrue(started >= Instant.parse("2026-11-28T00:00:00Z").toEpochMilli() && ended < now.toEpochMilli(), "within the 3 days before today, and today");
        assertTrue(ended - started > 20_000, "a conversation takes a while: " + (ended - started));
        days.add(Instant.ofEpochMilli(started).toString().substring(0, 10));
        reasons.add(f.getString(CallFields.END_REASON));
        labels.add(f.getString(CallFields.SENTIMENT));
        long seq = 0;
        for (Object o : call.lines()) {
          JsonObject line = (JsonObject) o;
          assertEquals(++seq, LogLine.seq(line), "gap-free seqs");
        }
        assertTrue(call.lines().stream().anyMatch(o -> LogLine.KIND_TRANSCRIPT.equals(((JsonObject) o).getString("kind"))));
      }
      assertTrue(days.size() == 4, "spread over the 3 days and today: " + days);
      assertTrue(reasons.contains("completed") && reasons.contains("transferred"), reasons.toString());
      assertTrue(labels.containsAll(List.of("negative", "positive")), labels.toString());
      ctx.completeNow();
    })));
  }

  @Test
  void seedsAnEmptyArchiveThroughCallEnded(Vertx vertx, VertxTestContext ctx) {
    FakeArchive archive = new FakeArchive();
    archive.register(vertx, 0)
        .compose(v -> catalog(vertx))
        .compose(c -> new DemoHistorySeeder(vertx).seedIfEmpty(() -> DemoHistory.generate(c, Instant.now(), 2, 5, new Random(2))))
        .onComplete(ctx.succeeding(n -> ctx.verify(() -> {
          assertEquals(10, n);
          assertEquals(10, archive.archived.size());
          for (JsonObject body : archive.archived) {
            ArchivedCall call = ArchivedCall.fromJson(body);
            assertEquals(Boolean.TRUE, call.fields().getValue(CallFields.DEMO));
            assertTrue(call.room().startsWith("demo-"), call.room());
          }
          ctx.completeNow();
        })));
  }

  @Test
  void leavesAnArchiveWithCallsAlone(Vertx vertx, VertxTestContext ctx) {
    FakeArchive archive = new FakeArchive();
    archive.register(vertx, 3)
        .compose(v -> catalog(vertx))
        .compose(c -> new DemoHistorySeeder(vertx).seedIfEmpty(() -> DemoHistory.generate(c, Instant.now(), 2, 5, new Random(3))))
        .onComplete(ctx.succeeding(n -> ctx.verify(() -> {
          // the seeder has answered (its decision is the positive marker): it archived nothing
          assertEquals(0, n);
          assertEquals(1, archive.queries.get());
          assertTrue(archive.archived.isEmpty());
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void theVerticleSeedsOnlyWhenAskedTo(Vertx vertx, VertxTestContext ctx) {
    FakeArchive archive = new FakeArchive();
    EventRecorder rec = new EventRecorder(vertx);
    JsonObject off = simulator().put(AgentPipelineConfig.SIMULATOR_HISTORY_DAYS, 0);
    JsonObject on = simulator().put(AgentPipelineConfig.SIMULATOR_HISTORY_DAYS, 2).put(AgentPipelineConfig.SIMULATOR_HISTORY_CALLS_PER_DAY, 4);
    archive.register(vertx, 0)
        .compose(v -> rec.register())
        .compose(v -> vertx.deployVerticle(new AgentPipelineVerticle(), new DeploymentOptions().setConfig(off)))
        // a simulated call talking proves the verticle is past the point where it would have seeded
        .compose(id -> EventRecorder.until(vertx, () -> !rec.where(EventRecorder.type("call_started")).isEmpty(), 10_000, "a call").map(id))
        .compose(id -> {
          ctx.verify(() -> {
            assertEquals(0, archive.queries.get(), "history off: analytics not even asked");
            assertTrue(archive.archived.isEmpty());
          });
          return vertx.undeploy(id);
        })
        .compose(v -> vertx.deployVerticle(new AgentPipelineVerticle(), new DeploymentOptions().setConfig(on)))
        .compose(id -> EventRecorder.until(vertx, () -> archive.archived.size() >= 8, 10_000, "8 demo calls archived"))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(8, archive.archived.size());
          ctx.completeNow();
        })));
  }

  private static JsonObject simulator() {
    return new JsonObject()
        .put(AgentPipelineConfig.SIMULATOR_ENABLED, true)
        .put(AgentPipelineConfig.SIMULATOR_CALLS, 2)
        .put(AgentPipelineConfig.SIMULATOR_SPEED, 20)
        .put(AgentPipelineConfig.SIMULATOR_SEED, 5);
  }
}
