package io.switchboard.contract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RuleSchemaTest {
  private final RuleSchema schema = new RuleSchema();

  static JsonObject billingRule() {
    return new JsonObject()
        .put("id", "billing-dispute")
        .put("name", "Billing dispute")
        .put("enabled", true)
        .put("severity", "high")
        .put("when", new JsonObject().put("all", new JsonArray()
            .add(new JsonObject().put("type", "phrase").put("speaker", "customer").put("phrases", new JsonArray().add("double charged")))
            .add(new JsonObject().put("type", "language").put("in", new JsonArray().add("en")))))
        .put("then", new JsonArray()
            .add(new JsonObject().put("type", "alert").put("message", "billing dispute"))
            .add(new JsonObject().put("type", "tag").put("tag", "billing"))
            .add(new JsonObject().put("type", "suggest").put("text", "transfer to billing"))
            .add(new JsonObject().put("type", "webhook").put("url", "http://127.0.0.1:9/hook").put("timeout_ms", 500)));
  }

  @Test
  void aCompleteRuleIsValid() {
    assertNull(schema.problem(billingRule()));
  }

  @Test
  void everyConditionTypeHasAValidForm() {
    JsonArray all = new JsonArray()
        .add(new JsonObject().put("type", "regex").put("pattern", "refund(s)?"))
        .add(new JsonObject().put("type", "sentiment").put("label", "negative"))
        .add(new JsonObject().put("type", "sentiment_trend").put("turns", 3).put("drop", 0.5))
        .add(new JsonObject().put("type", "silence").put("seconds", 20))
        .add(new JsonObject().put("type", "latency").put("metric", "ttft").put("above_ms", 1500))
        .add(new JsonObject().put("type", "tool_failed"))
        .add(new JsonObject().put("type", "takeover").put("seconds", 60))
        .add(new JsonObject().put("type", "call_duration").put("seconds", 600))
        .add(new JsonObject().put("type", "agent").put("in", new JsonArray().add("billing-bot")))
        .add(new JsonObject().put("type", "escalation").put("reason", "human_requested"));
    assertNull(schema.problem(billingRule().put("when", new JsonObject().put("any", all))));
  }

  @Test
  void aWrongFieldIsNamedByItsJsonPointer() {
    JsonObject rule = billingRule();
    rule.getJsonObject("when").getJsonArray("all").getJsonObject(0).put("phrases", "double charged");
    RuleSchema.Problem p = schema.problem(rule);
    assertNotNull(p);
    assertEquals("/when/all/0/phrases", p.pointer(), p.toString());
  }

  @Test
  void anUnknownConditionTypeAndAMissingMessageAreRefused() {
    JsonObject rule = billingRule();
    rule.getJsonObject("when").getJsonArray("all").getJsonObject(1).put("type", "moon_phase");
    assertEquals("/when/all/1/type", schema.problem(rule).pointer());
    JsonObject noMessage = billingRule();
    noMessage.getJsonArray("then").getJsonObject(0).remove("message");
    assertEquals("/then/0", schema.problem(noMessage).pointer());
    assertEquals("/id", schema.problem(billingRule().put("id", "Has Spaces")).pointer());
    assertEquals("/severity", schema.problem(billingRule().put("severity", "urgent")).pointer());
  }
}
