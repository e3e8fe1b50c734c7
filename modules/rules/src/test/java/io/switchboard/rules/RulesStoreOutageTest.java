package io.switchboard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.control.CallerHeaders;
import io.switchboard.testkit.FreePort;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** MongoDB out of reach: the built-in rules still alert, reading shows them marked unavailable, edits are a 503. */
class RulesStoreOutageTest {
  @Test
  void builtInsKeepAlertingAndTheStatusSaysTheStoreIsDown() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      List<JsonObject> alerts = new CopyOnWriteArrayList<>();
      vertx.eventBus().<JsonObject>consumer(Addresses.ALERTS, m -> alerts.add(m.body()));
      vertx.eventBus().<JsonObject>consumer(Addresses.INGEST_CALL_EVENT, m -> m.reply(new JsonObject().put("duplicate", false)));
      JsonObject cfg = new JsonObject().put("mongo.url", "mongodb://127.0.0.1:" + FreePort.get()).put("rules.mongo.timeout.ms", 500);
      vertx.deployVerticle(RulesVerticle.class.getName(), new DeploymentOptions().setConfig(cfg)).await(20, TimeUnit.SECONDS);

      vertx.eventBus().publish(Addresses.RULES_OBSERVE, new JsonObject().put("room", "r1").put("session_id", "s1").put("seq", 3).put("type", "sentiment")
          .put("data", new JsonObject().put("seq", 2).put("label", "negative").put("score", -0.8).put("new_escalations", new JsonArray().add("legal_threat")))
          .put("at", System.currentTimeMillis()));
      long end = System.currentTimeMillis() + 5_000;
      while (alerts.isEmpty() && System.currentTimeMillis() < end) {
        Thread.sleep(10);
      }
      assertEquals("legal_threat", alerts.get(0).getString("reason"));

      DeliveryOptions admin = new DeliveryOptions().addHeader(CallerHeaders.ROLE, "admin").addHeader(CallerHeaders.USER, "ada").setSendTimeout(10_000);
      JsonObject list = vertx.eventBus().<JsonObject>request(Addresses.RULES_LIST, new JsonObject(), admin).await(10, TimeUnit.SECONDS).body();
      assertEquals("unavailable", list.getString("status"), list.encode());
      assertEquals(14, list.getJsonArray("rules").size());
      assertTrue(list.getString("store_error", "").length() > 0);

      JsonObject rule = new JsonObject().put("id", "x").put("name", "x")
          .put("when", new JsonObject().put("all", new JsonArray().add(new JsonObject().put("type", "tool_failed"))))
          .put("then", new JsonArray().add(new JsonObject().put("type", "tag").put("tag", "x")));
      try {
        vertx.eventBus().request(Addresses.RULES_SAVE, new JsonObject().put("rule", rule).put("create", true), admin).await(10, TimeUnit.SECONDS);
        throw new AssertionError("saved without a store");
      } catch (ReplyException e) {
        assertEquals(503, e.failureCode(), e.getMessage());
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
