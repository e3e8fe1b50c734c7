package io.switchboard.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.live.EventType;
import io.switchboard.contract.rules.RuleFiring;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per condition type and per action, through the engine as the verticle drives it. */
class RuleEngineTest {
  static final long T0 = 1_000_000L;
  long seq;

  static JsonObject rule(String id, JsonObject... conditions) {
    JsonArray all = new JsonArray();
    for (JsonObject c : conditions) {
      all.add(c);
    }
    return new JsonObject().put("id", id).put("name", id).put("enabled", true).put("severity", "high")
        .put("when", new JsonObject().put("all", all))
        .put("then", new JsonArray().add(new JsonObject().put("type", "alert").put("message", id + " fired")));
  }

  static JsonObject cond(String type) {
    return new JsonObject().put("type", type);
  }

  static RuleEngine engine(JsonObject... rules) {
    RuleEngine e = new RuleEngine();
    RuleValidator v = new RuleValidator();
    e.replace(java.util.Arrays.stream(rules).map(r -> {
      RuleValidator.Outcome o = v.check(r);
      if (!o.ok()) {
        throw new AssertionError(o.problem().toString());
      }
      return o.rule();
    }).toList());
    return e;
  }

  CallState call(RuleEngine e, String language, String agent) {
    CallState c = new CallState("room-1", "s1", T0);
    e.observe(c, ev(EventType.CALL_STARTED, new JsonObject().put("language", language).put("agent", agent), T0));
    return c;
  }

  Observation ev(EventType type, JsonObject data, long at) {
    return new Observation("room-1", "s1", ++seq, type.wire(), data, at);
  }

  Observation said(String role, String text, long at) {
    return ev(EventType.TRANSCRIPT, new JsonObject().put("role", role).put("text", text).put("final", true), at);
  }

  Observation sentiment(long ref, String label, double score, long at, String... escalations) {
    JsonObject d = new JsonObject().put("seq", ref).put("label", label).put("score", score);
    if (escalations.length > 0) {
      d.put("new_escalations", new JsonArray(List.of(escalations)));
    }
    return ev(EventType.SENTIMENT, d, at);
  }

  static List<String> ids(List<RuleEngine.Fired> fired) {
    return fired.stream().map(f -> f.rule().id()).toList();
  }

  @Test
  void phraseByTheCustomerFiresOnceWithTheLinesSeqAndIgnoresNegationAndTheAgent() {
    RuleEngine e = engine(rule("frustrated", cond("phrase").put("phrases", new JsonArray().add("frustrated"))));
    CallState c = call(e, "en", "bot");
    assertEquals(List.of(), ids(e.observe(c, said("user", "I'm not frustrated, just curious", T0 + 1))));
    assertEquals(List.of(), ids(e.observe(c, said("agent", "I understand you are frustrated", T0 + 2))));
    Observation line = said("user", "Honestly I am so FRUSTRATED.", T0 + 3);
    List<RuleEngine.Fired> fired = e.observe(c, line);
    assertEquals(List.of("frustrated"), ids(fired));
    assertEquals(line.seq(), fired.get(0).firing().seq());
    assertEquals("phrase", fired.get(0).firing().condition());
    assertEquals(List.of(), ids(e.observe(c, said("user", "still frustrated", T0 + 4))), "once per call");
  }

  @Test
  void phraseSpokenByTheAgentWhenAsked() {
    RuleEngine e = engine(rule("promise", cond("phrase").put("speaker", "agent").put("phrases", new JsonArray().add("full refund"))));
    CallState c = call(e, "en", "bot");
    assertEquals(List.of(), ids(e.observe(c, said("user", "I want a full refund", T0 + 1))));
    assertEquals(List.of("promise"), ids(e.observe(c, said("agent", "You will get a full refund today", T0 + 2))));
  }

  @Test
  void regexMatchesCaseInsensitively() {
    RuleEngine e = engine(rule("order", cond("regex").put("pattern", "order\\s+#?\\d{5,}")));
    CallState c = call(e, "en", "bot");
    assertEquals(List.of(), ids(e.observe(c, said("user", "my order is late", T0 + 1))));
    assertEquals(List.of("order"), ids(e.observe(c, said("user", "ORDER #123456 never came", T0 + 2))));
  }

  @Test
  void sentimentLabelAndScoreThreshold() {
    RuleEngine e = engine(rule("very-negative", cond("sentiment").put("label", "negative").put("score_below", -0.7)));
    CallState c = call(e, "en", "bot");
    assertEquals(List.of(), ids(e.observe(c, sentiment(1, "negative", -0.5, T0 + 1))));
    List<RuleEngine.Fired> fired = e.observe(c, sentiment(7, "negative", -0.9, T0 + 2));
    assertEquals(List.of("very-negative"), ids(fired));
    assertEquals(7, fired.get(0).firing().seq(), "the annotated line's seq, not the annotation's");
  }

  @Test
  void sentimentTrendOverTheLastTurns() {
    RuleEngine e = engine(rule("souring", cond("sentiment_trend").put("turns", 3).put("drop", 0.6)));
    CallState c = call(e, "en", "bot");
    assertEquals(List.of(), ids(e.observe(c, sentiment(1, "positive", 0.4, T0 + 1))));
    assertEquals(List.of(), ids(e.observe(c, sentiment(2, "neutral", 0.1, T0 + 2))), "two turns are not three");
    assertEquals(List.of("souring"), ids(e.observe(c, sentiment(3, "negative", -0.3, T0 + 3))));
  }

  @Test
  void silenceLongerThanFiresOnATickAfterTheLastLine() {
    RuleEngine e = engine(rule("dead-air", cond("silence").put("seconds", 10)));
    CallState c = call(e, "en", "bot");
    e.observe(c, said("agent", "let me check", T0 + 5_000));
    assertEquals(List.of(), ids(e.tick(c, T0 + 14_000)));
    e.observe(c, said("user", "hello?", T0 + 14_500));
    assertEquals(List.of(), ids(e.tick(c, T0 + 24_000)), "speaking resets the silence");
    assertEquals(List.of("dead-air"), ids(e.tick(c, T0 + 24_600)));
  }

  @Test
  void agentLatencyTtftAndEndToEnd() {
    RuleEngine e = engine(
        rule("slow-ttft", cond("latency").put("metric", "ttft").put("above_ms", 1500)),
        rule("slow-e2e", cond("latency").put("metric", "e2e").put("above_ms", 3000)));
    CallState c = call(e, "en", "bot");
    assertEquals(List.of(), ids(e.observe(c, ev(EventType.METRICS, new JsonObject().put("llm_ttft_ms", 900).put("e2e_ms", 2000), T0 + 1))));
    assertEquals(List.of("slow-ttft"), ids(e.observe(c, ev(EventType.METRICS, new JsonObject().put("llm_ttft_ms", 1600).put("e2e_ms", 2000), T0 + 2))));
    assertEquals(List.of("slow-e2e"), ids(e.observe(c, ev(EventType.METRICS, new JsonObject().put("e2e_ms", 3100), T0 + 3))));
  }

  @Test
  void toolCallFailedOptionallyByName() {
    RuleEngine e = engine(rule("refund-tool", cond("tool_failed").put("name", "issue_refund")));
    CallState c = call(e, "en", "bot");
    assertEquals(List.of(), ids(e.observe(c, ev(EventType.TOOL_CALL, new JsonObject().put("name", "lookup").put("error", "timeout"), T0 + 1))));
    assertEquals(List.of(), ids(e.observe(c, ev(EventType.TOOL_CALL, new JsonObject().put("name", "issue_refund").put("result", "ok"), T0 + 2))));
    assertEquals(List.of("refund-tool"), ids(e.observe(c,
        ev(EventType.TOOL_CALL, new JsonObject().put("name", "issue_refund").put("result", new JsonObject().put("error", "declined")), T0 + 3))));
  }

  @Test
  void takeoverLongerThan() {
    RuleEngine e = engine(rule("long-takeover", cond("takeover").put("seconds", 60)));
    CallState c = call(e, "en", "bot");
    assertEquals(List.of(), ids(e.tick(c, T0 + 120_000)), "no takeover yet");
    e.observe(c, ev(EventType.SUPERVISOR, new JsonObject().put("action", "takeover").put("by", "sam"), T0 + 130_000));
    assertEquals(List.of(), ids(e.tick(c, T0 + 189_000)));
    assertEquals(List.of("long-takeover"), ids(e.tick(c, T0 + 190_500)));
  }

  @Test
  void callLongerThan() {
    RuleEngine e = engine(rule("long-call", cond("call_duration").put("seconds", 600)));
    CallState c = call(e, "en", "bot");
    assertEquals(List.of(), ids(e.tick(c, T0 + 599_000)));
    assertEquals(List.of("long-call"), ids(e.tick(c, T0 + 600_500)));
  }

  @Test
  void languageAndAgentNarrowALineCondition() {
    JsonObject phrase = cond("phrase").put("phrases", new JsonArray().add("refund"));
    RuleEngine e = engine(rule("ms-billing", phrase, cond("language").put("in", new JsonArray().add("ms")), cond("agent").put("in", new JsonArray().add("billing-bot"))));
    CallState en = call(e, "en", "billing-bot");
    assertEquals(List.of(), ids(e.observe(en, said("user", "refund please", T0 + 1))));
    seq = 0;
    CallState otherAgent = new CallState("room-1", "s2", T0);
    e.observe(otherAgent, ev(EventType.CALL_STARTED, new JsonObject().put("language", "ms-MY").put("agent", "sales-bot"), T0));
    assertEquals(List.of(), ids(e.observe(otherAgent, said("user", "refund please", T0 + 1))));
    CallState ms = new CallState("room-1", "s3", T0);
    e.observe(ms, ev(EventType.CALL_STARTED, new JsonObject().put("language", "ms-MY").put("agent", "billing-bot"), T0));
    assertEquals(List.of("ms-billing"), ids(e.observe(ms, said("user", "refund please", T0 + 1))));
  }

  @Test
  void escalationReasonOfTheSentimentVerticle() {
    RuleEngine e = engine(rule("human", cond("escalation").put("reason", "human_requested")));
    CallState c = call(e, "en", "bot");
    assertEquals(List.of(), ids(e.observe(c, sentiment(2, "negative", -0.5, T0 + 1, "negative_streak"))));
    assertEquals(List.of("human"), ids(e.observe(c, sentiment(4, "neutral", 0, T0 + 2, "human_requested"))));
  }

  @Test
  void anyFiresOnEitherCondition() {
    JsonObject r = rule("either", cond("phrase").put("phrases", new JsonArray().add("lawyer")));
    r.put("when", new JsonObject().put("any", new JsonArray()
        .add(cond("phrase").put("phrases", new JsonArray().add("lawyer")))
        .add(cond("regex").put("pattern", "sue\\b"))));
    RuleEngine e = engine(r);
    CallState c = call(e, "en", "bot");
    assertEquals(List.of("either"), ids(e.observe(c, said("user", "I will sue you", T0 + 1))));
  }

  @Test
  void disabledRulesAndEndedCallsNeverFire() {
    JsonObject off = rule("off", cond("phrase").put("phrases", new JsonArray().add("hello"))).put("enabled", false);
    JsonObject on = rule("on", cond("call_duration").put("seconds", 1));
    RuleEngine e = engine(off, on);
    CallState c = call(e, "en", "bot");
    assertEquals(List.of(), ids(e.observe(c, said("user", "hello", T0 + 1))));
    e.observe(c, ev(EventType.CALL_ENDED, new JsonObject().put("reason", "completed"), T0 + 2));
    assertEquals(List.of(), ids(e.tick(c, T0 + 60_000)));
  }

  @Test
  void actionsAreReadIntoTheFiring() {
    JsonObject r = rule("billing", cond("phrase").put("phrases", new JsonArray().add("double charged")));
    r.put("then", new JsonArray()
        .add(new JsonObject().put("type", "alert").put("severity", "critical").put("message", "billing dispute"))
        .add(new JsonObject().put("type", "tag").put("tag", "billing"))
        .add(new JsonObject().put("type", "tag").put("tag", "dispute"))
        .add(new JsonObject().put("type", "suggest").put("text", "transfer to billing"))
        .add(new JsonObject().put("type", "webhook").put("url", "http://127.0.0.1:1/x").put("timeout_ms", 300)));
    RuleEngine e = engine(r);
    CallState c = call(e, "en", "bot");
    RuleEngine.Fired f = e.observe(c, said("user", "I was double charged", T0 + 1)).get(0);
    RuleFiring firing = f.firing();
    assertEquals("critical", firing.severity());
    assertEquals("billing dispute", firing.message());
    assertEquals(List.of("billing", "dispute"), firing.tags());
    assertEquals("transfer to billing", firing.suggestion());
    assertEquals(1, f.rule().webhooks().size());
    assertEquals(300, f.rule().webhooks().get(0).getInteger("timeout_ms"));
  }

  @Test
  void hotReplaceTakesEffectOnTheNextEvent() {
    RuleEngine e = engine();
    CallState c = call(e, "en", "bot");
    assertEquals(List.of(), ids(e.observe(c, said("user", "cancel my account", T0 + 1))));
    e.replace(engine(rule("cancel", cond("phrase").put("phrases", new JsonArray().add("cancel")))).rules());
    assertEquals(List.of("cancel"), ids(e.observe(c, said("user", "cancel it now", T0 + 2))));
    assertTrue(c.hasFired("cancel"));
    assertFalse(c.hasFired("other"));
  }
}
