package io.switchboard.agent.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.agent.AgentPipelineVerticle;
import io.switchboard.agent.EventRecorder;
import io.switchboard.contract.Addresses;
import io.switchboard.agent.AgentPipelineConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The running simulator, as the dashboard sees it: its first calls start one after another over
 * the stagger window (not in one burst) and last different lengths of time.
 */
@ExtendWith(VertxExtension.class)
class SimulatorStaggerTest {
  private static final int CALLS = 12;
  private static final double SPEED = 30;
  /** nominal 30 s at 30x speed: a 1 s window */
  private static final long STAGGER_MS = 30_000;

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void firstCallsStartStaggeredAndLastDifferentLengths(Vertx vertx, VertxTestContext ctx) {
    Map<String, Long> startedAt = new LinkedHashMap<>();
    Map<String, Long> lasted = new LinkedHashMap<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.INGEST_CALL_EVENT, msg -> {
      long now = System.nanoTime() / 1_000_000;
      String room = msg.body().getString("room_name");
      switch (msg.body().getString("event_type")) {
        case "call_started" -> startedAt.put(room, now);
        case "call_ended" -> lasted.put(room, now - startedAt.get(room));
        default -> { }
      }
      msg.reply(new JsonObject().put("ok", true));
    });
    JsonObject config = new JsonObject()
        .put(AgentPipelineConfig.SIMULATOR_ENABLED, true)
        .put(AgentPipelineConfig.SIMULATOR_CALLS, CALLS)
        .put(AgentPipelineConfig.SIMULATOR_SPEED, SPEED)
        .put(AgentPipelineConfig.SIMULATOR_RATE, 500)
        .put(AgentPipelineConfig.SIMULATOR_STAGGER_MS, STAGGER_MS)
        .put(AgentPipelineConfig.SIMULATOR_SEED, 7);
    vertx.deployVerticle(new AgentPipelineVerticle(), new DeploymentOptions().setConfig(config))
        .compose(id -> EventRecorder.until(vertx, () -> lasted.size() >= CALLS, 45_000, CALLS + " calls ended"))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          List<Long> firstStarts = startedAt.values().stream().limit(CALLS).sorted().toList();
          long first = firstStarts.get(0);
          long span = firstStarts.get(CALLS - 1) - first;
          // margins for a busy machine (a blocked event loop bunches timers); in one burst the span is ~30 ms
          assertTrue(span >= 500, "the first " + CALLS + " calls start over the 1 s window, not at once: span " + span + " ms");
          long inFirstQuarter = firstStarts.stream().filter(t -> t - first < 250).count();
          assertTrue(inFirstQuarter <= CALLS / 2, inFirstQuarter + " of " + CALLS + " calls started in the first 250 ms");
          long shortest = lasted.values().stream().mapToLong(Long::longValue).min().orElseThrow();
          long longest = lasted.values().stream().mapToLong(Long::longValue).max().orElseThrow();
          assertTrue(longest >= shortest * 1.5, "call lengths vary: " + lasted);
          ctx.completeNow();
        })));
  }
}
