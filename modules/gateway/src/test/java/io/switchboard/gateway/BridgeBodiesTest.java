package io.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.platform.config.Settings;
import io.switchboard.redaction.LiveRedaction;
import io.switchboard.redaction.RedactionConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A delta is redacted and encoded once for all sockets of an address, never served stale, and still redacted for viewers. */
class BridgeBodiesTest {
  private static JsonObject delta(String room, String text) {
    return new JsonObject().put("room", room).put("lines", new JsonArray().add(new JsonObject().put("seq", 1).put("kind", "transcript").put("role", "user").put("text", text)));
  }

  @Test
  void equalCopiesOfOneDeltaAreRedactedOnce() {
    AtomicInteger calls = new AtomicInteger();
    BridgeBodies bodies = new BridgeBodies(b -> {
      calls.incrementAndGet();
      return b.copy().put("redacted", true);
    });
    JsonObject published = delta("r1", "hello");
    JsonObject first = bodies.redacted("call.r1", published.copy());
    JsonObject second = bodies.redacted("call.r1", published.copy());
    assertEquals(1, calls.get());
    assertSame(first, second);
    assertEquals(published.copy().put("redacted", true), first);
  }

  @Test
  void aNewDeltaOnTheSameAddressIsRedactedAnew() {
    AtomicInteger calls = new AtomicInteger();
    BridgeBodies bodies = new BridgeBodies(b -> {
      calls.incrementAndGet();
      return b.copy();
    });
    JsonObject a = bodies.redacted("call.r1", delta("r1", "first"));
    JsonObject b = bodies.redacted("call.r1", delta("r1", "second"));
    JsonObject c = bodies.redacted("call.r2", delta("r1", "second"));
    assertEquals(3, calls.get());
    assertEquals("first", a.getJsonArray("lines").getJsonObject(0).getString("text"));
    assertEquals("second", b.getJsonArray("lines").getJsonObject(0).getString("text"));
    assertEquals(b, c);
  }

  @Test
  void sameComparesJsonTreesByValue() {
    JsonObject a = delta("r1", "x").put("n", 1).put("nested", new JsonObject().put("list", new JsonArray().add(1).add("two").addNull()));
    assertTrue(BridgeBodies.same(a, a.copy()));
    assertFalse(BridgeBodies.same(a, a.copy().put("n", 2)));
    assertFalse(BridgeBodies.same(a, a.copy().put("extra", true)));
    assertFalse(BridgeBodies.same(a.copy().putNull("k"), a.copy().put("k2", 1)));
    JsonObject changedDeep = a.copy();
    changedDeep.getJsonObject("nested").getJsonArray("list").set(1, "three");
    assertFalse(BridgeBodies.same(a, changedDeep));
    assertFalse(BridgeBodies.same(new JsonArray().add(1), new JsonArray().add(1).add(2)));
  }

  @Test
  void viewersStillGetTheRedactedLine() {
    LiveRedaction redaction = new LiveRedaction(RedactionConfig.from(new Settings(new JsonObject())));
    BridgeBodies bodies = new BridgeBodies(redaction::redact);
    JsonObject published = delta("r1", "my email is jane.doe@example.com thanks");
    JsonObject first = bodies.redacted("call.r1", published.copy());
    JsonObject second = bodies.redacted("call.r1", published.copy());
    String text = first.getJsonArray("lines").getJsonObject(0).getString("text");
    assertFalse(text.contains("jane.doe@example.com"), text);
    assertNotEquals(published, first);
    assertEquals(first, second);
    assertEquals(redaction.redact(published.copy()), first);
  }

  @Test
  void oneMessageIsEncodedOnceForEverySocketAndWrittenVerbatimIntoEachEnvelope() {
    assertTrue(RawJson.SUPPORTED, "the node's JSON codec writes raw values (jackson-databind)");
    BridgeBodies bodies = new BridgeBodies(b -> b.copy().put("redacted", true));
    JsonObject published = delta("r1", "hello").put("score", -0.4375).put("fields", new JsonObject().put("sentiment_score", 0.1));
    Object first = bodies.forSocket("calls.active", published, false);
    for (int i = 0; i < 5; i++) {
      assertSame(first, bodies.forSocket("calls.active", published, false));
    }
    assertSame(first, bodies.forSocket("calls.active", published.copy(), false), "an equal copy (another node's decode) reuses it");
    assertEquals(1, bodies.encodings());
    assertEquals(0, bodies.redactions());
    JsonObject envelope = new JsonObject().put("type", "rec").put("address", "calls.active").put("body", first);
    assertEquals(published, new JsonObject(envelope.encode()).getJsonObject("body"));
  }

  @Test
  void viewersGetTheRedactedEncodingOthersTheOriginalAndANewMessageIsEncodedAnew() {
    BridgeBodies bodies = new BridgeBodies(b -> b.copy().put("redacted", true));
    JsonObject one = delta("r1", "one");
    Object forViewer = bodies.forSocket("call.r1", one, true);
    Object forSupervisor = bodies.forSocket("call.r1", one, false);
    assertSame(forViewer, bodies.forSocket("call.r1", one, true));
    assertEquals(one.copy().put("redacted", true), decoded(forViewer));
    assertEquals(one, decoded(forSupervisor));
    assertEquals(1, bodies.redactions());
    assertEquals(2, bodies.encodings());
    JsonObject two = delta("r1", "two");
    assertEquals(two, decoded(bodies.forSocket("call.r1", two, false)));
    assertEquals(3, bodies.encodings());
  }

  private static JsonObject decoded(Object body) {
    return new JsonObject(new JsonObject().put("body", body).encode()).getJsonObject("body");
  }
}
