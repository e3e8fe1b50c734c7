package io.switchboard.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RuleTesterTest {
  @Test
  void saysWhichPastedLinesFire() {
    JsonObject rule = RuleEngineTest.rule("refund", new JsonObject().put("type", "phrase").put("phrases", new JsonArray().add("refund")));
    CompiledRule r = new RuleValidator().check(rule).rule();
    String transcript = "agent: how can I help?\ncustomer: I want a refund\n\ncustomer: no refund needed after all\nuser: refund now";
    JsonObject out = RuleTester.run(r, RuleTester.parse(transcript), null, null);
    assertEquals(4, out.getInteger("lines"));
    JsonArray fired = out.getJsonArray("fired");
    assertEquals(2, fired.size(), out.encode());
    assertEquals(1, fired.getJsonObject(0).getInteger("line"));
    assertEquals(3, fired.getJsonObject(1).getInteger("line"));
    assertEquals("customer", fired.getJsonObject(1).getString("speaker"));
  }

  @Test
  void namesConditionsThatNeedTheLiveSystem() {
    JsonObject rule = RuleEngineTest.rule("s", new JsonObject().put("type", "silence").put("seconds", 5));
    JsonObject out = RuleTester.run(new RuleValidator().check(rule).rule(), RuleTester.parse("hello"), null, null);
    assertEquals(new JsonArray().add("silence"), out.getJsonArray("untestable"));
  }
}
