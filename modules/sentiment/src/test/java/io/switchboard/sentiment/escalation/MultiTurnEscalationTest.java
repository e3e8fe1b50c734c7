package io.switchboard.sentiment.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sentiment.SentimentAnalyzer;
import io.switchboard.sentiment.eval.Conversation;
import io.switchboard.sentiment.eval.EvaluateEscalation;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Whole calls replayed turn by turn with the state carried over, as ingest does. */
class MultiTurnEscalationTest {
  private static final SentimentAnalyzer ANALYZER = SentimentAnalyzer.embedded();

  private static Conversation call(String json) {
    return Conversation.readJsonl(List.of(new JsonObject(json))).get(0);
  }

  @Test
  void alertFiresOnTheRightTurnAndEachReasonOnlyOnce() {
    Conversation c = call("""
        {"id":"t1","turns":[
          {"role":"customer","text":"hi my phone bill looks wrong this month"},
          {"role":"agent","text":"let me look at it."},
          {"role":"customer","text":"okay thanks"},
          {"role":"agent","text":"there is a roaming charge."},
          {"role":"customer","text":"i wasn't abroad so i want to talk to a supervisor"},
          {"role":"agent","text":"i'll arrange that."},
          {"role":"customer","text":"please get me the supervisor now"},
          {"role":"agent","text":"one moment."},
          {"role":"customer","text":"supervisor please"}],
         "alert_at":4}""");
    EvaluateEscalation.Replay r = EvaluateEscalation.replay(ANALYZER, c);
    assertEquals(4, r.firstAlert(), () -> "raised per turn " + r.raisedPerTurn());
    assertEquals(List.of("human_requested"), r.raisedPerTurn().get(4));
    List<String> all = new ArrayList<>();
    r.raisedPerTurn().forEach(all::addAll);
    assertEquals(1, all.stream().filter("human_requested"::equals).count(), "fires once per call: " + r.raisedPerTurn());
    assertEquals("right_turn", r.outcome());
  }

  @Test
  void trendAlertWaitsForTheThirdNegativeTurn() {
    Conversation c = call("""
        {"id":"t2","turns":[
          {"role":"customer","text":"the tv signal keeps cutting out"},
          {"role":"agent","text":"i'm sorry, let me check."},
          {"role":"customer","text":"it's been awful all week"},
          {"role":"agent","text":"i see a fault."},
          {"role":"customer","text":"this is a total shambles"}],
         "alert_at":4}""");
    EvaluateEscalation.Replay r = EvaluateEscalation.replay(ANALYZER, c);
    assertEquals(List.of(), r.raisedPerTurn().get(0));
    assertEquals(4, r.firstAlert(), () -> "raised per turn " + r.raisedPerTurn());
    assertTrue(r.raisedPerTurn().get(4).contains("negative_streak"), r.raisedPerTurn().toString());
  }

  @Test
  void agentThatKeepsNotUnderstandingEscalatesOnTheSecondFailure() {
    Conversation c = call("""
        {"id":"t3","turns":[
          {"role":"customer","text":"i want to change my tariff"},
          {"role":"agent","text":"sorry, I didn't catch that."},
          {"role":"customer","text":"change my tariff"},
          {"role":"agent","text":"I'm sorry, could you rephrase?"},
          {"role":"customer","text":"tariff change"}],
         "alert_at":4}""");
    EvaluateEscalation.Replay r = EvaluateEscalation.replay(ANALYZER, c);
    assertEquals(4, r.firstAlert(), () -> "raised per turn " + r.raisedPerTurn());
    assertEquals(List.of("agent_failing"), r.raisedPerTurn().get(4));
  }

  @Test
  void heldOutConversationsMostlyAlertOnTheRightTurn() throws Exception {
    Path p = Path.of(getClass().getResource("/eval/heldout-conversations.jsonl").toURI());
    Map<String, Integer> outcomes = new TreeMap<>();
    for (Conversation c : Conversation.readJsonl(p)) {
      outcomes.merge(EvaluateEscalation.replay(ANALYZER, c).outcome(), 1, Integer::sum);
    }
    assertTrue(outcomes.getOrDefault("right_turn", 0) >= 9, outcomes.toString());
    assertTrue(outcomes.getOrDefault("false_alarm", 0) <= 1, outcomes.toString());
    assertEquals(0, outcomes.getOrDefault("missed", 0), outcomes.toString());
  }
}
