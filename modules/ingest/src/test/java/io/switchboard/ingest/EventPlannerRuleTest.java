package io.switchboard.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.contract.live.CallEvent;
import io.switchboard.contract.live.CallEventSchemas;
import io.switchboard.contract.live.EventType;
import io.switchboard.contract.rules.RuleFiring;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventPlannerRuleTest {
  @Test
  void aRuleFiringBecomesARuleLineTagsAndASuggestion() {
    RuleFiring f = new RuleFiring("billing", "Billing", "high", 7, "billing dispute", List.of("billing", "dispute"), "transfer to billing", "phrase");
    CallEvent e = new CallEvent("room-1", "s1", EventType.RULE_FIRED.wire(), "rule:billing", 0, f.toJson());
    assertEquals(null, new CallEventSchemas().problem(e.toJson()));
    EventPlan p = EventPlanner.plan(e, EventType.RULE_FIRED, 1_000);
    assertEquals("rule", p.lineKind);
    JsonObject line = new JsonObject(p.lineJson);
    assertEquals(7L, line.getLong("ref"));
    assertEquals("billing", line.getString("rule_id"));
    assertEquals("rule:billing", p.eventId, "ingest de-duplicates a rule per call by this id");
    assertEquals(List.of("add", "tags", "billing", "add", "tags", "dispute", "set", "suggestion"), p.ops.subList(0, 8));
    assertEquals("transfer to billing", new JsonObject(p.ops.get(8)).getString("text"));
  }
}
