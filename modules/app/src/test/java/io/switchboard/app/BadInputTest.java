package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed agent requests: each a 4xx with a JSON error body, never a 5xx, nothing else lost. */
@ExtendWith(VertxExtension.class)
class BadInputTest {
  private static TestRedis redis;
  private static TestNode node;
  private static Vertx vertx;
  private static WebClient http;
  private static final String KEY = TestNode.AGENT_KEY;

  @BeforeAll
  static void start() throws Exception {
    redis = TestRedis.start();
    node = TestNode.start(redis.url(), "gateway,ingest,debouncer", new JsonObject());
    vertx = Vertx.vertx();
    http = WebClient.create(vertx);
    // a call whose session then ends: later events for it are replays
    post(event("bad-ended", "s-old", "call_started", new JsonObject()).encode(), KEY);
    post(event("bad-ended", "s-old", "call_ended", new JsonObject()).encode(), KEY);
  }

  @AfterAll
  static void stop() {
    http.close();
    vertx.close();
    node.close();
    redis.close();
  }

  static JsonObject event(String room, String session, String type, JsonObject data) {
    return new JsonObject().put("room_name", room).put("session_id", session).put("event_type", type).put("data", data);
  }

  static JsonObject transcript(JsonObject data) {
    return event("bad-room", "s-1", "transcript", data);
  }

  static JsonObject line() {
    return new JsonObject().put("role", "user").put("text", "hello").put("final", true);
  }

  static HttpResponse<Buffer> post(String body, String key) throws Exception {
    var req = http.post(node.port(), "127.0.0.1", "/call-event").putHeader("Content-Type", "application/json");
    if (key != null) {
      req.putHeader("X-API-Key", key);
    }
    return req.sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
  }

  static Stream<Arguments> cases() {
    List<Arguments> c = new ArrayList<>();
    c.add(Arguments.of("not JSON", "{", KEY, 400));
    c.add(Arguments.of("JSON array", "[]", KEY, 400));
    c.add(Arguments.of("JSON string", "\"hi\"", KEY, 400));
    c.add(Arguments.of("JSON number", "42", KEY, 400));
    c.add(Arguments.of("empty body", "", KEY, 400));
    c.add(Arguments.of("missing room_name", transcript(line()).copy().put("room_name", (String) null).encode(), KEY, 400));
    c.add(Arguments.of("room_name number", transcript(line()).put("room_name", 7).encode(), KEY, 400));
    c.add(Arguments.of("room_name with dot", transcript(line()).put("room_name", "a.b").encode(), KEY, 400));
    c.add(Arguments.of("room_name too long", transcript(line()).put("room_name", "r".repeat(129)).encode(), KEY, 400));
    c.add(Arguments.of("room_name reserved", transcript(line()).put("room_name", "history").encode(), KEY, 400));
    c.add(Arguments.of("room_name empty", transcript(line()).put("room_name", "").encode(), KEY, 400));
    c.add(Arguments.of("missing event_type", transcript(line()).copy().put("event_type", (String) null).encode(), KEY, 400));
    c.add(Arguments.of("unknown event_type", transcript(line()).put("event_type", "explode").encode(), KEY, 400));
    c.add(Arguments.of("event_type number", transcript(line()).put("event_type", 3).encode(), KEY, 400));
    c.add(Arguments.of("missing data", transcript(line()).copy().put("data", (String) null).encode(), KEY, 400));
    c.add(Arguments.of("data array", transcript(line()).put("data", new io.vertx.core.json.JsonArray()).encode(), KEY, 400));
    c.add(Arguments.of("data string", transcript(line()).put("data", "text").encode(), KEY, 400));
    c.add(Arguments.of("missing session_id", transcript(line()).copy().put("session_id", (String) null).encode(), KEY, 400));
    c.add(Arguments.of("session_id number", transcript(line()).put("session_id", 12).encode(), KEY, 400));
    c.add(Arguments.of("session_id with spaces", transcript(line()).put("session_id", "a b").encode(), KEY, 400));
    c.add(Arguments.of("transcript without text", transcript(new JsonObject().put("role", "user")).encode(), KEY, 400));
    c.add(Arguments.of("transcript bad role", transcript(line().put("role", "robot")).encode(), KEY, 400));
    c.add(Arguments.of("transcript text number", transcript(line().put("text", 5)).encode(), KEY, 400));
    c.add(Arguments.of("transcript final string", transcript(line().put("final", "yes")).encode(), KEY, 400));
    c.add(Arguments.of("transcript text too long", transcript(line().put("text", "x".repeat(8001))).encode(), KEY, 400));
    c.add(Arguments.of("agent_state unknown", event("bad-room", "s-1", "agent_state", new JsonObject().put("state", "dreaming")).encode(), KEY, 400));
    c.add(Arguments.of("metrics negative", event("bad-room", "s-1", "metrics", new JsonObject().put("stt_ms", -1)).encode(), KEY, 400));
    c.add(Arguments.of("tool_call without name", event("bad-room", "s-1", "tool_call", new JsonObject().put("args", new JsonObject())).encode(), KEY, 400));
    c.add(Arguments.of("sentiment bad label", event("bad-room", "s-1", "sentiment", new JsonObject().put("seq", 1).put("label", "angry")).encode(), KEY, 400));
    c.add(Arguments.of("sentiment score out of range", event("bad-room", "s-1", "sentiment", new JsonObject().put("seq", 1).put("label", "negative").put("score", 5)).encode(), KEY, 400));
    c.add(Arguments.of("call_ended reason number", event("bad-room", "s-1", "call_ended", new JsonObject().put("reason", 42)).encode(), KEY, 400));
    c.add(Arguments.of("negative ts", transcript(line()).put("ts", -5).encode(), KEY, 400));
    c.add(Arguments.of("empty event_id", transcript(line()).put("event_id", "").encode(), KEY, 400));
    c.add(Arguments.of("internal supervisor event", event("bad-room", "s-1", "supervisor", new JsonObject().put("action", "takeover").put("by", "x")).encode(), KEY, 403));
    c.add(Arguments.of("internal participant event", event("bad-room", "s-1", "participant", new JsonObject().put("action", "joined").put("identity", "x")).encode(), KEY, 403));
    c.add(Arguments.of("no API key", transcript(line()).encode(), null, 401));
    c.add(Arguments.of("wrong API key", transcript(line()).encode(), "guess", 401));
    c.add(Arguments.of("huge body", transcript(line().put("text", "x".repeat(70_000))).encode(), KEY, 413));
    c.add(Arguments.of("replay into an ended session", event("bad-ended", "s-old", "transcript", line()).encode(), KEY, 410));
    c.add(Arguments.of("sentiment for a room with no call", event("bad-nocall", "s-9", "sentiment", new JsonObject().put("seq", 1).put("label", "negative")).encode(), KEY, 404));
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectedWithAClearClientError(String name, String body, String key, int status) throws Exception {
    HttpResponse<Buffer> r = post(body, key);
    assertEquals(status, r.statusCode(), name + ": " + r.bodyAsString());
    JsonObject error = r.bodyAsJsonObject();
    assertNotNull(error.getString("error"), name);
    assertTrue(error.getString("message") != null && !error.getString("message").isBlank(), name);
  }

  @Test
  void atLeastThirtyCases() {
    assertTrue(cases().count() >= 30);
  }

  @Test
  void wrongMethodIsA405AndGoodInputStillWorks() throws Exception {
    HttpResponse<Buffer> get = http.get(node.port(), "127.0.0.1", "/call-event").send().await(5, TimeUnit.SECONDS);
    assertEquals(405, get.statusCode());
    assertEquals(202, post(event("bad-good", "s-1", "call_started", new JsonObject()).encode(), KEY).statusCode());
    HttpResponse<Buffer> ok = post(event("bad-good", "s-1", "transcript", line()).encode(), KEY);
    assertEquals(202, ok.statusCode());
    assertEquals(2L, ok.bodyAsJsonObject().getLong("seq"));
  }
}
