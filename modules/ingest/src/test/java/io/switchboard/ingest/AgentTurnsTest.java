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
  void aTurnGivenBackComesBeforeWhatTheAgentSaidSince() {
    AgentTurns turns = new AgentTurns();
    turns.agentLine("r", "first");
    turns.toolCall("r", new JsonObject().put("error", "timeout"));
    AgentTurns.Turn taken = turns.take("r");
    turns.agentLine("r", "second");
    turns.toolCall("r", new JsonObject().put("status", "error"));
    turns.giveBack("r", taken);
    AgentTurns.Turn t = turns.take("r");
    assertEquals("first second", t.agentText());
    assertEquals(2, t.toolErrors());
    turns.giveBack("r", AgentTurns.Turn.NONE);
    assertEquals(AgentTurns.Turn.NONE, turns.take("r"), "nothing given back, nothing made up");
    turns.giveBack("r", t);
    assertEquals(t, turns.take("r"), "given back into an empty room: the same turn");
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
