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

/** A delta is redacted once for all viewer sockets, never served stale, and still redacted. */
class ViewerCopiesTest {
  private static JsonObject delta(String room, String text) {
    return new JsonObject().put("room", room).put("lines", new JsonArray().add(new JsonObject().put("seq", 1).put("kind", "transcript").put("role", "user").put("text", text)));
  }

  @Test
  void equalCopiesOfOneDeltaAreRedactedOnce() {
    AtomicInteger calls = new AtomicInteger();
    ViewerCopies copies = new ViewerCopies(b -> {
      calls.incrementAndGet();
      return b.copy().put("redacted", true);
    });
    JsonObject published = delta("r1", "hello");
    JsonObject first = copies.redacted("call.r1", published.copy());
    JsonObject second = copies.redacted("call.r1", published.copy());
    assertEquals(1, calls.get());
    assertSame(first, second);
    assertEquals(published.copy().put("redacted", true), first);
  }

  @Test
  void aNewDeltaOnTheSameAddressIsRedactedAnew() {
    AtomicInteger calls = new AtomicInteger();
    ViewerCopies copies = new ViewerCopies(b -> {
      calls.incrementAndGet();
      return b.copy();
    });
    JsonObject a = copies.redacted("call.r1", delta("r1", "first"));
    JsonObject b = copies.redacted("call.r1", delta("r1", "second"));
    JsonObject c = copies.redacted("call.r2", delta("r1", "second"));
    assertEquals(3, calls.get());
    assertEquals("first", a.getJsonArray("lines").getJsonObject(0).getString("text"));
    assertEquals("second", b.getJsonArray("lines").getJsonObject(0).getString("text"));
    assertEquals(b, c);
  }

  @Test
  void sameComparesJsonTreesByValue() {
    JsonObject a = delta("r1", "x").put("n", 1).put("nested", new JsonObject().put("list", new JsonArray().add(1).add("two").addNull()));
    assertTrue(ViewerCopies.same(a, a.copy()));
    assertFalse(ViewerCopies.same(a, a.copy().put("n", 2)));
    assertFalse(ViewerCopies.same(a, a.copy().put("extra", true)));
    assertFalse(ViewerCopies.same(a.copy().putNull("k"), a.copy().put("k2", 1)));
    JsonObject changedDeep = a.copy();
    changedDeep.getJsonObject("nested").getJsonArray("list").set(1, "three");
    assertFalse(ViewerCopies.same(a, changedDeep));
    assertFalse(ViewerCopies.same(new JsonArray().add(1), new JsonArray().add(1).add(2)));
  }

  @Test
  void viewersStillGetTheRedactedLine() {
    LiveRedaction redaction = new LiveRedaction(RedactionConfig.from(new Settings(new JsonObject())));
    ViewerCopies copies = new ViewerCopies(redaction::redact);
    JsonObject published = delta("r1", "my email is jane.doe@example.com thanks");
    JsonObject first = copies.redacted("call.r1", published.copy());
    JsonObject second = copies.redacted("call.r1", published.copy());
    String text = first.getJsonArray("lines").getJsonObject(0).getString("text");
    assertFalse(text.contains("jane.doe@example.com"), text);
    assertNotEquals(published, first);
    assertEquals(first, second);
    assertEquals(redaction.redact(published.copy()), first);
  }
}
