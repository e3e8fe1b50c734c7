package io.switchboard.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.platform.config.Settings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The shapes a viewer receives: room deltas, list deltas, debug events; the original body stays. */
class LiveRedactionTest {
  private final LiveRedaction live = new LiveRedaction(RedactionConfig.defaults());

  @Test
  void roomDeltaLinesAndInterimAreRedactedWithTheAgentQuestionFromAnEarlierDelta() {
    live.redact(new JsonObject().put("room", "r").put("lines", new JsonArray()
        .add(new JsonObject().put("seq", 1).put("kind", "transcript").put("role", "agent").put("text", "What's the CVV?"))));
    JsonObject delta = new JsonObject().put("v", 1).put("room", "r").put("lines", new JsonArray()
            .add(new JsonObject().put("seq", 2).put("kind", "transcript").put("role", "user").put("text", "nine nine one")))
        .put("fields", new JsonObject().put("interim", new JsonObject().put("role", "user").put("text", "it's 4111 1111 1111 1111")));
    JsonObject out = live.redact(delta);
    assertEquals("[cvv]", out.getJsonArray("lines").getJsonObject(0).getString("text"));
    assertEquals("it's [card]", out.getJsonObject("fields").getJsonObject("interim").getString("text"));
    assertEquals("nine nine one", delta.getJsonArray("lines").getJsonObject(0).getString("text"), "the original is not changed");
  }

  @Test
  void listDeltasAndDebugEventsToo() {
    JsonObject list = new JsonObject().put("upserts", new JsonArray().add(new JsonObject().put("room", "a").put("customer", "+60 12-345 6789")));
    assertEquals("[phone]", live.redact(list).getJsonArray("upserts").getJsonObject(0).getString("customer"));
    JsonObject debug = new JsonObject().put("room", "a").put("kind", "llm").put("data", new JsonObject().put("prompt", "user said a.b@example.com"));
    assertEquals("user said [email]", live.redact(debug).getJsonObject("data").getString("prompt"));
  }

  @Test
  void offWhenViewerLiveIsOff() {
    LiveRedaction off = new LiveRedaction(RedactionConfig.from(new Settings(new JsonObject().put(RedactionConfig.VIEWER_LIVE, false))));
    assertEquals(false, off.active());
    assertEquals(true, live.active());
  }
}
