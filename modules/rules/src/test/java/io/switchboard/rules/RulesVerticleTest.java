package io.switchboard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.control.CallerHeaders;
import io.switchboard.contract.live.CallEvent;
import io.switchboard.testkit.TestMongo;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two rules instances on one embedded MongoDB-protocol server, ingest played by a consumer that
 * de-duplicates rule_fired by event id the way the apply-event script does.
 */
class RulesVerticleTest {
  static TestMongo mongo;
  static Vertx vertx;
  static final List<JsonObject> alerts = new CopyOnWriteArrayList<>();
  static final List<JsonObject> recorded = new CopyOnWriteArrayList<>();
  static final Set<String> seen = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start() throws Exception {
    mongo = TestMongo.start();
    vertx = Vertx.vertx();
    vertx.eventBus().<JsonObject>consumer(Addresses.ALERTS, m -> alerts.add(m.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.INGEST_CALL_EVENT, m -> {
      CallEvent e = CallEvent.fromJson(m.body());
      boolean dup = !seen.add(e.room() + "|" + e.sessionId() + "|" + e.eventId());
      if (!dup) {
        recorded.add(m.body());
      }
      m.reply(new JsonObject().put("accepted", true).put("duplicate", dup));
    });
    JsonObject cfg = new JsonObject().put("mongo.url", mongo.url()).put("mongo.db", "rules-test").put("rules.tick.ms", 100).put("rules.mongo.timeout.ms", 5000);
    vertx.deployVerticle(RulesVerticle.class.getName(), new DeploymentOptions().setConfig(cfg).setInstances(2)).await(20, TimeUnit.SECONDS);
    waitFor(() -> list().getString("status").equals("stored"), 10_000);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    mongo.close();
  }

  static JsonObject request(String address, JsonObject body, String role) {
    DeliveryOptions o = new DeliveryOptions().addHeader(CallerHeaders.USER, "ada").addHeader(CallerHeaders.ROLE, role).setSendTimeout(5000);
    try {
      return vertx.eventBus().<JsonObject>request(address, body, o).await(6, TimeUnit.SECONDS).body();
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  static ReplyException refusal(String address, JsonObject body, String role) {
    try {
      request(address, body, role);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof ReplyException re) {
        return re;
      }
      throw e;
    }
    throw new AssertionError("not refused");
  }

  static JsonObject list() {
    return request(Addresses.RULES_LIST, new JsonObject(), "viewer");
  }

  static void waitFor(BooleanSupplier ok, long ms) throws InterruptedException {
    long end = System.currentTimeMillis() + ms;
    while (!holds(ok)) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("timed out");
      }
      Thread.sleep(20);
    }
  }

  /** A check that failed to run (a slow store on a loaded machine) is tried again. */
  static boolean holds(BooleanSupplier ok) {
    try {
      return ok.getAsBoolean();
    } catch (RuntimeException e) {
      return false;
    }
  }

  static void observe(String room, long seq, String type, JsonObject data) {
    vertx.eventBus().publish(Addresses.RULES_OBSERVE,
        new JsonObject().put("room", room).put("session_id", "s1").put("seq", seq).put("type", type).put("data", data).put("at", System.currentTimeMillis()));
  }

  static JsonObject phraseRule(String id, String phrase) {
    return new JsonObject().put("id", id).put("name", "Says " + phrase).put("enabled", true).put("severity", "high")
        .put("when", new JsonObject().put("all", new JsonArray().add(new JsonObject().put("type", "phrase").put("phrases", new JsonArray().add(phrase)))))
        .put("then", new JsonArray()
            .add(new JsonObject().put("type", "alert").put("message", "customer said " + id))
            .add(new JsonObject().put("type", "tag").put("tag", id))
            .add(new JsonObject().put("type", "suggest").put("text", "transfer to billing")));
  }

  @Test
  void theBuiltInEscalationReasonsAreSeededEnabled() {
    JsonArray rules = list().getJsonArray("rules");
    long builtins = rules.stream().map(o -> (JsonObject) o).filter(r -> r.getBoolean("builtin", false) && r.getBoolean("enabled")).count();
    assertEquals(14, builtins, rules.encode());
  }

  @Test
  void aSavedRuleFiresOnceAcrossInstancesWithTheLinesSeqTagAndSuggestion() throws Exception {
    request(Addresses.RULES_SAVE, new JsonObject().put("rule", phraseRule("refund-word", "refund")).put("create", true), "admin");
    waitFor(() -> list().getJsonArray("rules").stream().anyMatch(r -> "refund-word".equals(((JsonObject) r).getString("id"))), 5_000);
    Thread.sleep(300); // both instances reload on rules.changed (the publish goes out before the reply)
    observe("room-a", 1, "call_started", new JsonObject().put("language", "en"));
    observe("room-a", 2, "transcript", new JsonObject().put("role", "user").put("text", "I want a refund").put("final", true));
    waitFor(() -> alerts.stream().anyMatch(a -> "room-a".equals(a.getString("room"))), 3_000);
    // a later line that fires another rule proves no second refund-word alert is on its way
    request(Addresses.RULES_SAVE, new JsonObject().put("rule", phraseRule("marker-a", "goodbye")).put("create", true), "admin");
    Thread.sleep(300);
    observe("room-a", 3, "transcript", new JsonObject().put("role", "user").put("text", "goodbye").put("final", true));
    waitFor(() -> alerts.stream().anyMatch(a -> "rule:marker-a".equals(a.getString("reason"))), 3_000);
    List<JsonObject> mine = alerts.stream().filter(a -> "rule:refund-word".equals(a.getString("reason"))).toList();
    assertEquals(1, mine.size(), "one alert although two instances evaluated the line: " + mine);
    JsonObject a = mine.get(0);
    assertEquals(2, a.getLong("seq"));
    assertEquals("high", a.getString("severity"));
    assertEquals("transfer to billing", a.getString("suggestion"));
    JsonObject rec = recorded.stream().filter(r -> "rule:refund-word".equals(r.getString("event_id"))).findFirst().orElseThrow().getJsonObject("data");
    assertEquals(2, rec.getLong("seq"));
    assertEquals(new JsonArray().add("refund-word"), rec.getJsonArray("tags"));
  }

  @Test
  void aDisabledRuleStopsFiringOnEveryInstance() throws Exception {
    request(Addresses.RULES_SAVE, new JsonObject().put("rule", phraseRule("lawyer-word", "lawyer")).put("create", true), "admin");
    request(Addresses.RULES_ENABLE, new JsonObject().put("id", "lawyer-word").put("enabled", false), "admin");
    request(Addresses.RULES_SAVE, new JsonObject().put("rule", phraseRule("marker-b", "thanks")).put("create", true), "admin");
    Thread.sleep(300);
    observe("room-b", 1, "transcript", new JsonObject().put("role", "user").put("text", "my lawyer will call").put("final", true));
    observe("room-b", 2, "transcript", new JsonObject().put("role", "user").put("text", "thanks").put("final", true));
    waitFor(() -> alerts.stream().anyMatch(a -> "rule:marker-b".equals(a.getString("reason"))), 3_000);
    assertTrue(alerts.stream().noneMatch(a -> "rule:lawyer-word".equals(a.getString("reason"))));
  }

  @Test
  void aBuiltInEscalationRuleAlertsWithTheEscalationReason() throws Exception {
    observe("room-c", 3, "sentiment", new JsonObject().put("seq", 2).put("label", "neutral").put("score", 0).put("new_escalations", new JsonArray().add("human_requested")));
    waitFor(() -> alerts.stream().anyMatch(a -> "room-c".equals(a.getString("room"))), 3_000);
    JsonObject a = alerts.stream().filter(x -> "room-c".equals(x.getString("room"))).findFirst().orElseThrow();
    assertEquals("human_requested", a.getString("reason"));
    assertEquals(2, a.getLong("seq"));
  }

  @Test
  void badInputIsRefusedWithThePointerAndAViewerCannotEdit() {
    JsonObject bad = phraseRule("bad-one", "x");
    bad.getJsonObject("when").getJsonArray("all").getJsonObject(0).put("phrases", "x");
    ReplyException e = refusal(Addresses.RULES_SAVE, new JsonObject().put("rule", bad).put("create", true), "admin");
    assertEquals(400, e.failureCode());
    assertTrue(e.getMessage().startsWith("/when/all/0/phrases: "), e.getMessage());
    JsonObject redos = phraseRule("redos", "x");
    redos.getJsonObject("when").getJsonArray("all").set(0, new JsonObject().put("type", "regex").put("pattern", "(a+)+$"));
    ReplyException r = refusal(Addresses.RULES_SAVE, new JsonObject().put("rule", redos).put("create", true), "admin");
    assertTrue(r.getMessage().startsWith("/when/all/0/pattern: "), r.getMessage());
    assertEquals(403, refusal(Addresses.RULES_SAVE, new JsonObject().put("rule", phraseRule("v1", "x")).put("create", true), "viewer").failureCode());
    assertEquals(403, refusal(Addresses.RULES_DELETE, new JsonObject().put("id", "builtin.distress"), "supervisor").failureCode());
    assertEquals(404, refusal(Addresses.RULES_SAVE, new JsonObject().put("rule", phraseRule("nope", "x")), "admin").failureCode());
  }
}
