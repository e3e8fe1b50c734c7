package io.switchboard.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class AgentTurnsTest {
  @Test
  void aTurnCollectsTheAgentsLinesAndFailedToolsUntilTheCustomerSpeaks() {
    AgentTurns turns = new AgentTurns();
    turns.agentLine("r1", "sorry, i didn't catch that");
    turns.toolCall("r1", new JsonObject().put("name", "lookup").put("error", "timeout"));
    turns.toolCall("r1", new JsonObject().put("name", "lookup").put("result", new JsonObject().put("ok", true)));
    turns.agentLine("r2", "hello");
    turns.agentLine("r1", "could you repeat?");
    AgentTurns.Turn t = turns.take("r1");
    assertEquals("sorry, i didn't catch that could you repeat?", t.agentText());
    assertEquals(1, t.toolErrors());
    assertEquals(AgentTurns.Turn.NONE, turns.take("r1"), "taken: the next turn starts empty");
    assertEquals("hello", turns.take("r2").agentText(), "rooms are apart");
  }

  @Test
  void aTurnIsBoundedAndForgottenWithItsCall() {
    AgentTurns turns = new AgentTurns();
    for (int i = 0; i < 500; i++) {
      turns.agentLine("r", "a fairly long agent line number " + i);
    }
    assertEquals(AgentTurns.MAX_CHARS, turns.take("r").agentText().length());
    turns.agentLine("r", "x");
    turns.forget("r");
    assertNull(turns.take("r").agentText());
  }

  @Test
  void failedToolCallsAreTheOnesThatSaySo() {
    assertTrue(AgentTurns.failed(new JsonObject().put("error", "boom")));
    assertTrue(AgentTurns.failed(new JsonObject().put("status", "FAILED")));
    assertTrue(AgentTurns.failed(new JsonObject().put("result", new JsonObject().put("error", "no such account"))));
    assertFalse(AgentTurns.failed(new JsonObject().put("result", "error free")));
    assertFalse(AgentTurns.failed(new JsonObject().put("result", new JsonObject().put("balance", 3))));
    assertFalse(AgentTurns.failed(null));
  }
}
