package io.switchboard.agent.runtime;

import static io.switchboard.agent.EventRecorder.agentLine;
import static io.switchboard.agent.EventRecorder.sleep;
import static io.switchboard.agent.EventRecorder.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.agent.EventRecorder;
import io.switchboard.agent.TestSessions;
import io.switchboard.agent.provider.PromptMarkers;
import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.AgentControl;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PauseResumeTest {
  private static final String ROOM = "pause-room";
  private static final String SESSION = "s-pause-1";

  @Test
  void pausedAgentMakesNoLlmOrTtsCallsAndResumesTheSameSessionWithAHandBack(Vertx vertx, VertxTestContext ctx) {
    EventRecorder rec = new EventRecorder(vertx);
    Context context = vertx.getOrCreateContext();
    int[] before = new int[2];
    int[] eventsAtResume = new int[1];
    context.runOnContext(v -> {
      TestSessions t = new TestSessions(vertx, ROOM, SESSION, 10);
      CallSession s = t.session;
      rec.register()
          .compose(x -> s.start())
          .compose(x -> until(vertx, () -> s.state() == AgentState.LISTENING && !rec.where(agentLine()).isEmpty(), 5000, "greeting"))
          .compose(x -> {
            control(vertx, AgentControl.PAUSE, null);
            return until(vertx, () -> s.state() == AgentState.PAUSED, 2000, "paused");
          })
          .compose(x -> {
            before[0] = t.llm.invocations();
            before[1] = t.tts.invocations();
            // the customer keeps talking and a supervisor even sends guidance: still no LLM/TTS work
            s.userSpoke("u-1", Buffer.buffer(TestSessions.CHARGED));
            control(vertx, AgentControl.GUIDE, "Offer a callback tomorrow.");
            return until(vertx, () -> !rec.where(e -> isFinalUser(e, "u-1")).isEmpty(), 3000, "final transcript while paused");
          })
          .compose(x -> sleep(vertx, 600))
          .compose(x -> {
            ctx.verify(() -> {
              assertEquals(before[0], t.llm.invocations(), "LLM invoked while paused");
              assertEquals(before[1], t.tts.invocations(), "TTS invoked while paused");
              assertEquals(AgentState.PAUSED, s.state());
            });
            eventsAtResume[0] = rec.events().size();
            control(vertx, AgentControl.RESUME, null);
            return until(vertx, () -> rec.events().subList(eventsAtResume[0], rec.events().size()).stream().anyMatch(agentLine()),
                5000, "hand-back line");
          })
          .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
            List<JsonObject> all = rec.events();
            assertTrue(all.stream().allMatch(e -> SESSION.equals(e.getString("session_id"))), "one session throughout");
            assertEquals(1, all.stream().filter(e -> "call_started".equals(e.getString("event_type"))).count());
            List<String> agentLines = all.stream().filter(agentLine()).map(e -> e.getJsonObject("data").getString("text")).toList();
            assertEquals(List.of(TestSessions.GREETING, TestSessions.HANDBACK), agentLines, "greeting once, then the hand-back");
            var lastPrompt = t.llm.requests().get(t.llm.requests().size() - 1);
            assertTrue(PromptMarkers.isHandback(lastPrompt.get(lastPrompt.size() - 1)), "hand-back turn is marked in the prompt");
            assertTrue(lastPrompt.stream().anyMatch(m -> m.content().equals(TestSessions.CHARGED)), "what was said while paused is kept");
            ctx.completeNow();
          })));
    });
  }

  private static boolean isFinalUser(JsonObject e, String segment) {
    JsonObject d = e.getJsonObject("data");
    return "transcript".equals(e.getString("event_type")) && "user".equals(d.getString("role"))
        && segment.equals(d.getString("segment_id")) && d.getBoolean("final", false);
  }

  static void control(Vertx vertx, String type, String text) {
    vertx.eventBus().publish(Addresses.agentControl(ROOM),
        new AgentControl(type, ROOM, SESSION, text, "sup-alice", System.currentTimeMillis()).toJson());
  }
}
