package io.switchboard.agent.sim;

import static io.switchboard.agent.EventRecorder.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.agent.AgentPipelineVerticle;
import io.switchboard.agent.EventRecorder;
import io.switchboard.contract.live.CallEventSchemas;
import io.switchboard.agent.runtime.AgentState;
import io.switchboard.contract.Addresses;
import io.switchboard.agent.AgentPipelineConfig;
import io.switchboard.contract.live.AgentControl;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 50 simulated calls at 20× speed for ~16 s (≈5 minutes of calls): every room's stream must be a
 * consistent, schema-valid conversation, and supervisor control must work on simulated calls.
 */
@ExtendWith(VertxExtension.class)
class SimulatorTest {
  private static final String GUIDE_TEXT = "Please confirm the customer's email address.";

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void fiftyConcurrentCallsProduceConsistentValidStreams(Vertx vertx, VertxTestContext ctx) {
    EventRecorder rec = new EventRecorder(vertx);
    JsonObject config = new JsonObject()
        .put(AgentPipelineConfig.SIMULATOR_ENABLED, true)
        .put(AgentPipelineConfig.SIMULATOR_CALLS, 50)
        .put(AgentPipelineConfig.SIMULATOR_SPEED, 20)
        .put(AgentPipelineConfig.SIMULATOR_RATE, 500)
        .put(AgentPipelineConfig.SIMULATOR_SEED, 42);
    String[] guided = new String[1];
    String[] paused = new String[1];
    rec.register()
        .compose(v -> vertx.deployVerticle(new AgentPipelineVerticle(), new DeploymentOptions().setConfig(config)))
        .compose(id -> sleep(vertx, 3000).map(id))
        .compose(id -> {
          List<String> running = runningRooms(rec.events());
          guided[0] = running.get(0);
          paused[0] = running.get(1);
          vertx.eventBus().publish(Addresses.agentControl(guided[0]), control(AgentControl.GUIDE, guided[0], GUIDE_TEXT));
          vertx.eventBus().publish(Addresses.agentControl(paused[0]), control(AgentControl.PAUSE, paused[0], null));
          return sleep(vertx, 2000).map(id);
        })
        .compose(id -> {
          vertx.eventBus().publish(Addresses.agentControl(paused[0]), control(AgentControl.RESUME, paused[0], null));
          return sleep(vertx, 11_000).map(id);
        })
        .compose(id -> vertx.undeploy(id))
        .compose(v -> sleep(vertx, 300))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          List<JsonObject> events = rec.events();
          checkSchemas(events);
          Map<String, List<JsonObject>> byRoom = byRoom(events);
          checkStreams(byRoom);
          checkGuideAnswered(byRoom.get(guided[0]));
          checkPauseSilencedAgent(byRoom.get(paused[0]));
          checkCoverage(events, byRoom);
          ctx.completeNow();
        })));
  }

  private static JsonObject control(String type, String room, String text) {
    return new AgentControl(type, room, null, text, "sup-test", System.currentTimeMillis()).toJson();
  }

  /** Rooms started, not ended, and already talking, youngest first (so a control lands mid-call). */
  private static List<String> runningRooms(List<JsonObject> events) {
    Map<String, List<JsonObject>> byRoom = byRoom(events);
    List<String> out = new ArrayList<>();
    byRoom.forEach((room, evs) -> {
      boolean ended = evs.stream().anyMatch(e -> "call_ended".equals(e.getString("event_type")));
      if (!ended && evs.size() > 10) {
        out.add(room);
      }
    });
    out.sort(java.util.Comparator.comparingInt(room -> byRoom.get(room).size()));
    return out;
  }

  private static Map<String, List<JsonObject>> byRoom(List<JsonObject> events) {
    Map<String, List<JsonObject>> byRoom = new LinkedHashMap<>();
    events.forEach(e -> byRoom.computeIfAbsent(e.getString("room_name"), r -> new ArrayList<>()).add(e));
    return byRoom;
  }

  private static void checkSchemas(List<JsonObject> events) {
    CallEventSchemas schemas = new CallEventSchemas();
    Set<String> checkedTypes = new HashSet<>();
    for (JsonObject e : events) {
      // the first event of each type, then a sample: validation is not free
      if (checkedTypes.add(e.getString("event_type")) || e.hashCode() % 7 == 0) {
        assertNull(schemas.problem(e), e::encode);
      }
    }
  }

  private static void checkStreams(Map<String, List<JsonObject>> byRoom) {
    Set<String> sessions = new HashSet<>();
    Set<String> eventIds = new HashSet<>();
    byRoom.forEach((room, evs) -> {
      assertTrue(room.matches("sim-\\d+"), room);
      assertEquals("call_started", evs.get(0).getString("event_type"), room + " starts with call_started");
      String session = evs.get(0).getString("session_id");
      assertTrue(sessions.add(session), "session ids are unique: " + session);
      AgentState state = null;
      boolean ended = false;
      Map<String, Boolean> segmentFinal = new HashMap<>();
      Map<String, String> lastInterim = new HashMap<>();
      for (JsonObject e : evs) {
        assertFalse(ended, room + ": event after call_ended: " + e.encode());
        assertEquals(session, e.getString("session_id"), room + ": one session per room");
        assertTrue(eventIds.add(e.getString("event_id")), "event ids are unique");
        JsonObject d = e.getJsonObject("data");
        switch (e.getString("event_type")) {
          case "agent_state" -> {
            AgentState next = AgentState.ofWire(d.getString("state"));
            if (state == null) {
              assertEquals(AgentState.INITIALIZING, next, room);
            } else {
              assertTrue(state.canMoveTo(next), room + ": illegal " + state + " -> " + next);
            }
            state = next;
          }
          case "transcript" -> {
            String seg = d.getString("segment_id");
            assertFalse(segmentFinal.getOrDefault(seg, false), room + ": segment " + seg + " continued after its final");
            if (d.getBoolean("final")) {
              segmentFinal.put(seg, true);
              String partial = lastInterim.get(seg);
              assertTrue(partial == null || d.getString("text").startsWith(partial), room + ": interim is a prefix of the final");
            } else {
              assertEquals("user", d.getString("role"), "only customer speech has interims");
              lastInterim.put(seg, d.getString("text"));
            }
          }
          case "call_ended" -> {
            ended = true;
            assertEquals(AgentState.ENDED, state, room + ": agent_state ended precedes call_ended");
          }
          default -> {}
        }
      }
      assertTrue(ended, room + ": the simulator's stop ends every call");
    });
  }

  private static void checkGuideAnswered(List<JsonObject> evs) {
    assertTrue(evs.stream().anyMatch(e -> EventRecorder.agentLine().test(e)
        && e.getJsonObject("data").getString("text").contains(GUIDE_TEXT)), "guided agent relays the instruction");
  }

  /** No agent line while paused; the first line after it is the hand-back. */
  private static void checkPauseSilencedAgent(List<JsonObject> evs) {
    boolean inPause = false;
    boolean sawPause = false;
    boolean sawResumeLine = false;
    for (JsonObject e : evs) {
      JsonObject d = e.getJsonObject("data");
      if ("agent_state".equals(e.getString("event_type"))) {
        inPause = "paused".equals(d.getString("state"));
        sawPause |= inPause;
      } else if (inPause) {
        assertFalse(EventRecorder.agentLine().test(e), "agent spoke while paused: " + e.encode());
      } else if (sawPause && EventRecorder.agentLine().test(e) && !sawResumeLine) {
        sawResumeLine = true;
        assertTrue(d.getString("text").matches("(?s).*(back|kembali).*"), "hand-back line: " + d.getString("text"));
      }
    }
    assertTrue(sawPause, "pause reached the simulated agent");
  }

  private static void checkCoverage(List<JsonObject> events, Map<String, List<JsonObject>> byRoom) {
    long ended = events.stream().filter(EventRecorder.type("call_ended")).count();
    assertTrue(byRoom.size() > 60, "ended calls are replaced by new ones: " + byRoom.size() + " rooms");
    assertEquals(byRoom.size(), ended);
    assertTrue(events.stream().anyMatch(EventRecorder.type("tool_call")));
    assertTrue(events.stream().anyMatch(e -> "debug".equals(e.getString("event_type"))
        && "rag".equals(e.getJsonObject("data").getString("kind"))));
    assertTrue(events.stream().anyMatch(e -> "call_started".equals(e.getString("event_type"))
        && "ms".equals(e.getJsonObject("data").getString("language"))), "some calls are in Malay");
    Set<String> reasons = new HashSet<>();
    events.stream().filter(EventRecorder.type("call_ended")).forEach(e -> reasons.add(e.getJsonObject("data").getString("reason")));
    assertTrue(reasons.contains("transferred") && reasons.contains("completed"), reasons.toString());
    JsonObject metrics = events.stream().filter(EventRecorder.type("metrics"))
        .filter(e -> e.getJsonObject("data").containsKey("stt_ms")).findFirst().orElseThrow().getJsonObject("data");
    for (String k : List.of("stt_ms", "llm_ttft_ms", "llm_total_ms", "tts_ttfb_ms", "tts_ms", "e2e_ms")) {
      assertTrue(metrics.containsKey(k), k);
    }
  }
}
