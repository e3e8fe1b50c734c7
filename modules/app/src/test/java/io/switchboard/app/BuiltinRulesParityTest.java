package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.live.EventType;
import io.switchboard.rules.engine.CallState;
import io.switchboard.rules.engine.Observation;
import io.switchboard.rules.engine.RuleEngine;
import io.switchboard.rules.engine.RuleValidator;
import io.switchboard.rules.store.BuiltinRules;
import io.switchboard.sentiment.SentimentAnalyzer;
import io.switchboard.sentiment.eval.Conversation;
import io.switchboard.sentiment.eval.EvaluateEscalation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The built-in rules give the escalation verdicts the sentiment verticle gave before it stopped
 * alerting itself: the held-out conversations (scripts/eval-escalation) replayed through the
 * embedded analyzer, each annotation fed to a rule engine holding the seeded built-ins, fire
 * exactly the rules of the reasons the detector raised, on the same turns.
 */
class BuiltinRulesParityTest {
  static final Path CONVERSATIONS = Path.of("../sentiment/src/test/resources/eval/heldout-conversations.jsonl");

  @Test
  void builtInRulesFireExactlyTheDetectorsReasonsOnTheSameTurns() throws Exception {
    RuleValidator v = new RuleValidator();
    RuleEngine engine = new RuleEngine();
    engine.replace(BuiltinRules.load().stream().map(r -> v.check(r).rule()).toList());
    assertEquals(14, engine.rules().size());
    SentimentAnalyzer analyzer = SentimentAnalyzer.embedded();
    List<Conversation> calls = Conversation.readJsonl(CONVERSATIONS);
    assertTrue(calls.size() >= 10, "conversations: " + calls.size());
    int turnsWithAlerts = 0;
    for (Conversation c : calls) {
      EvaluateEscalation.Replay replay = EvaluateEscalation.replay(analyzer, c);
      CallState call = new CallState("eval", c.id(), 0);
      int firstFired = -1;
      for (int i = 0; i < replay.raisedPerTurn().size(); i++) {
        List<String> raised = replay.raisedPerTurn().get(i);
        if (!c.turns().get(i).customer()) {
          continue;
        }
        JsonObject annotation = new JsonObject().put("seq", i + 1).put("label", "neutral").put("score", 0.0).put("new_escalations", new JsonArray(raised));
        Set<String> fired = new HashSet<>();
        engine.observe(call, new Observation("eval", c.id(), i + 2, EventType.SENTIMENT.wire(), annotation, i)).forEach(f -> fired.add(f.rule().id()));
        Set<String> expected = new HashSet<>();
        raised.forEach(r -> expected.add("builtin." + r));
        assertEquals(expected, fired, c.id() + " turn " + i);
        if (!fired.isEmpty()) {
          turnsWithAlerts++;
          if (firstFired < 0) {
            firstFired = i;
          }
        }
      }
      assertEquals(replay.firstAlert(), firstFired, c.id() + ": first alert turn");
    }
    assertTrue(turnsWithAlerts > 5, "alerting turns: " + turnsWithAlerts);
  }
}
