package io.switchboard.sentiment.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sentiment.SentimentAnalyzer;
import io.switchboard.sentiment.eval.Conversation;
import io.switchboard.sentiment.eval.EvaluateEscalation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Whole calls replayed turn by turn with the state carried over, as ingest does. */
class MultiTurnEscalationTest {
  private static final SentimentAnalyzer ANALYZER = SentimentAnalyzer.embedded();

  /**
   * A call whose turns alternate customer, agent, customer… (as every call here does), the first
   * alert expected on turn {@code alertAt}, replayed turn by turn.
   */
  private static EvaluateEscalation.Replay replay(int alertAt, String... turns) {
    List<Conversation.Turn> lines = IntStream.range(0, turns.length)
        .mapToObj(i -> new Conversation.Turn(i % 2 == 0, turns[i], -1L, false))
        .toList();
    return EvaluateEscalation.replay(ANALYZER, new Conversation("test", lines, alertAt, List.of()));
  }

  private static void assertFirstAlert(int turn, EvaluateEscalation.Replay r) {
    assertEquals(turn, r.firstAlert(), () -> "raised per turn " + r.raisedPerTurn());
  }

  @Test
  void alertFiresOnTheRightTurnAndEachReasonOnlyOnce() {
    EvaluateEscalation.Replay r = replay(4,
        "hi my phone bill looks wrong this month",
        "let me look at it.",
        "okay thanks",
        "there is a roaming charge.",
        "i wasn't abroad so i want to talk to a supervisor",
        "i'll arrange that.",
        "please get me the supervisor now",
        "one moment.",
        "supervisor please");
    assertFirstAlert(4, r);
    assertEquals(List.of("human_requested"), r.raisedPerTurn().get(4));
    List<String> all = new ArrayList<>();
    r.raisedPerTurn().forEach(all::addAll);
    assertEquals(1, all.stream().filter("human_requested"::equals).count(), "fires once per call: " + r.raisedPerTurn());
    assertEquals("right_turn", r.outcome());
  }

  @Test
  void trendAlertWaitsForTheThirdNegativeTurn() {
    EvaluateEscalation.Replay r = replay(4,
        "the tv signal keeps cutting out",
        "i'm sorry, let me check.",
        "it's been awful all week",
        "i see a fault.",
        "this is a total shambles");
    assertEquals(List.of(), r.raisedPerTurn().get(0));
    assertFirstAlert(4, r);
    assertTrue(r.raisedPerTurn().get(4).contains("negative_streak"), r.raisedPerTurn().toString());
  }

  @Test
  void agentThatKeepsNotUnderstandingEscalatesOnTheSecondFailure() {
    EvaluateEscalation.Replay r = replay(4,
        "i want to change my tariff",
        "sorry, I didn't catch that.",
        "change my tariff",
        "I'm sorry, could you rephrase?",
        "tariff change");
    assertFirstAlert(4, r);
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
