package io.switchboard.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SafeRegexTest {
  @Test
  void nestedQuantifiersAreRefused() {
    for (String p : new String[] {"(a+)+$", "(\\w*\\s?)*x", "((ab)*c)+", "(x+){2,}", "(?:a*)*"}) {
      assertNotNull(SafeRegex.nestedQuantifier(p), p);
      assertThrows(SafeRegex.Refused.class, () -> SafeRegex.compile(p, false), p);
    }
  }

  @Test
  void ordinaryPatternsAreAccepted() {
    for (String p : new String[] {"order\\s+#?\\d{5,}", "(refund|chargeback)s?", "[a+]+", "\\(a+\\)+", "(ab){2}", "cancel(led|ling)?\\b"}) {
      assertNull(SafeRegex.nestedQuantifier(p), p);
    }
  }

  @Test
  void aBacktrackingPatternThePrecheckMissesIsStoppedByTheBudget() {
    // no group, so no nested quantifier: still polynomial of degree 9 on a near miss
    SafeRegex r = SafeRegex.compile("^" + ".*?,".repeat(9) + "P", false);
    String nearMiss = "1,".repeat(60);
    long start = System.nanoTime();
    assertEquals(SafeRegex.Result.ABORTED, r.find(nearMiss));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms < 1_000, "aborted after " + ms + " ms");
    assertEquals(SafeRegex.Result.MATCH, r.find("1,".repeat(9) + "P"));
  }

  @Test
  void aRuleWithARefusedPatternGetsThePointerOfThePattern() {
    JsonObject rule = RuleEngineTest.rule("bad", new JsonObject().put("type", "phrase").put("phrases", new JsonArray().add("x")),
        new JsonObject().put("type", "regex").put("pattern", "(a+)+$"));
    RuleValidator.Outcome o = new RuleValidator().check(rule);
    assertEquals("/when/all/1/pattern", o.problem().pointer(), o.problem().toString());
    assertTrue(o.problem().message().contains("backtrack"));
    RuleValidator.Outcome syntax = new RuleValidator().check(RuleEngineTest.rule("bad2", new JsonObject().put("type", "regex").put("pattern", "(unclosed")));
    assertEquals("/when/all/0/pattern", syntax.problem().pointer());
  }
}
