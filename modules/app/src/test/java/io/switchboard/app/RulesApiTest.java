package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /api/rules over HTTP on a whole node (gateway + rules on the embedded MongoDB-protocol server): roles, pointed 400s, CRUD. */
class RulesApiTest {
  static TestRedis redis;
  static TestNode node;
  static Vertx vertx;
  static WebClient web;
  static String admin;
  static String viewer;
  static String supervisor;

  @BeforeAll
  static void start() throws Exception {
    redis = TestRedis.start();
    node = TestNode.start(redis.url(), "gateway,ingest,rules", new JsonObject());
    vertx = Vertx.vertx();
    web = WebClient.create(vertx);
    admin = node.login(vertx, "admin");
    viewer = node.login(vertx, "viewer");
    supervisor = node.login(vertx, "supervisor");
  }

  @AfterAll
  static void stop() throws Exception {
    web.close();
    vertx.close().await(5, TimeUnit.SECONDS);
    node.close();
    redis.close();
  }

  static HttpResponse<Buffer> send(String method, String path, String token, JsonObject body) throws Exception {
    var req = web.request(io.vertx.core.http.HttpMethod.valueOf(method), node.port(), "127.0.0.1", path).bearerTokenAuthentication(token);
    return (body == null ? req.send() : req.sendJsonObject(body)).await(10, TimeUnit.SECONDS);
  }

  static JsonObject rule(String id) {
    return new JsonObject().put("id", id).put("name", "Rule " + id).put("severity", "low")
        .put("when", new JsonObject().put("all", new JsonArray().add(new JsonObject().put("type", "phrase").put("phrases", new JsonArray().add("refund")))))
        .put("then", new JsonArray().add(new JsonObject().put("type", "tag").put("tag", "refund")));
  }

  @Test
  void everyoneReadsOnlyAdminsWriteAndABadRuleNamesItsField() throws Exception {
    HttpResponse<Buffer> list = send("GET", "/api/rules", viewer, null);
    assertEquals(200, list.statusCode(), list.bodyAsString());
    assertTrue(list.bodyAsJsonObject().getJsonArray("rules").size() >= 14);

    for (String token : new String[] {viewer, supervisor}) {
      assertEquals(403, send("POST", "/api/rules", token, rule("nope")).statusCode());
      assertEquals(403, send("POST", "/api/rules/builtin.distress/enabled", token, new JsonObject().put("enabled", false)).statusCode());
      assertEquals(403, send("DELETE", "/api/rules/builtin.distress", token, null).statusCode());
      assertEquals(403, send("PUT", "/api/rules/builtin.distress", token, rule("builtin.distress")).statusCode());
    }
    assertEquals(401, send("GET", "/api/rules", "not-a-token", null).statusCode());

    JsonObject bad = rule("bad");
    bad.getJsonObject("when").getJsonArray("all").getJsonObject(0).put("phrases", new JsonArray());
    HttpResponse<Buffer> refused = send("POST", "/api/rules", admin, bad);
    assertEquals(400, refused.statusCode(), refused.bodyAsString());
    assertEquals("/when/all/0/phrases", refused.bodyAsJsonObject().getString("pointer"), refused.bodyAsString());

    JsonObject redos = rule("redos");
    redos.getJsonObject("when").put("all", new JsonArray().add(new JsonObject().put("type", "regex").put("pattern", "^(\\w+\\s?)*$")));
    HttpResponse<Buffer> refusedRegex = send("POST", "/api/rules", admin, redos);
    assertEquals(400, refusedRegex.statusCode());
    assertEquals("/when/all/0/pattern", refusedRegex.bodyAsJsonObject().getString("pointer"));

    assertEquals(201, send("POST", "/api/rules", admin, rule("refund-tag")).statusCode());
    assertEquals(409, send("POST", "/api/rules", admin, rule("refund-tag")).statusCode());
    HttpResponse<Buffer> off = send("POST", "/api/rules/refund-tag/enabled", admin, new JsonObject().put("enabled", false));
    assertEquals(200, off.statusCode());
    assertEquals(false, off.bodyAsJsonObject().getBoolean("enabled"));
    assertEquals(200, send("PUT", "/api/rules/refund-tag", admin, rule("refund-tag").put("name", "Renamed")).statusCode());
    HttpResponse<Buffer> tested = send("POST", "/api/rules/test", admin,
        new JsonObject().put("rule", rule("t")).put("transcript", "agent: hello\ncustomer: I want a refund"));
    assertEquals(200, tested.statusCode());
    assertEquals(1, tested.bodyAsJsonObject().getJsonArray("fired").getJsonObject(0).getInteger("line"));
    assertEquals(200, send("DELETE", "/api/rules/refund-tag", admin, null).statusCode());
    assertEquals(404, send("DELETE", "/api/rules/refund-tag", admin, null).statusCode());
  }
}
