package io.switchboard.agent.runtime;

import static io.switchboard.agent.EventRecorder.agentLine;
import static io.switchboard.agent.EventRecorder.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.agent.EventRecorder;
import io.switchboard.agent.TestSessions;
import io.switchboard.agent.provider.ChatMessage;
import io.switchboard.agent.provider.PromptMarkers;
import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.AgentControl;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class GuideTest {
  private static final String ROOM = "guide-room";
  private static final String SESSION = "s-guide-1";
  private static final String INSTRUCTION = "Offer the customer a 10% loyalty discount.";

  @Test
  void guideInterruptsAndReachesTheLlmAsASupervisorInstructionThenTheAgentSpeaks(Vertx vertx, VertxTestContext ctx) {
    EventRecorder rec = new EventRecorder(vertx);
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      // slow enough that the greeting is still playing when the guide arrives
      TestSessions t = new TestSessions(vertx, ROOM, SESSION, 2);
      CallSession s = t.session;
      rec.register()
          .compose(x -> s.start())
          .compose(x -> until(vertx, () -> s.state() == AgentState.SPEAKING, 5000, "greeting"))
          .compose(x -> {
            vertx.eventBus().request(Addresses.agentControl(ROOM),
                new AgentControl(AgentControl.GUIDE, ROOM, SESSION, INSTRUCTION, "sup-bob", System.currentTimeMillis()).toJson());
            return until(vertx, () -> rec.where(agentLine()).size() >= 2, 8000, "agent answers the guide");
          })
          .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
            assertEquals(1, t.llm.invocations());
            List<ChatMessage> prompt = t.llm.requests().get(0);
            ChatMessage last = prompt.get(prompt.size() - 1);
            assertEquals("system", last.role(), "supervisor text is an instruction, not customer speech");
            assertEquals(INSTRUCTION, PromptMarkers.instructionOf(last));
            assertTrue(prompt.stream().noneMatch(m -> m.role().equals("user")), "never passed off as the customer");
            String spoken = rec.where(agentLine()).get(1).getJsonObject("data").getString("text");
            assertTrue(spoken.contains(INSTRUCTION), spoken);
            List<String> states = rec.where(EventRecorder.type("agent_state")).stream()
                .map(e -> e.getJsonObject("data").getString("state")).toList();
            int speaking = states.indexOf("speaking");
            assertNotNull(states);
            assertEquals("thinking", states.get(speaking + 1), "the greeting was interrupted: " + states);
            assertEquals("speaking", states.get(speaking + 2), states.toString());
            JsonObject first = rec.events().get(0);
            assertEquals("call_started", first.getString("event_type"));
            ctx.completeNow();
          })));
    });
  }
}
