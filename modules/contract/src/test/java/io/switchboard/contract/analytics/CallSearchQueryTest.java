package io.switchboard.contract.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallSearchQueryTest {
  @Test
  void httpTextAndBridgeJsonReadTheSame() {
    CallSearchQuery fromHttp = CallSearchQuery.fromJson(new JsonObject()
        .put("q", " refund ").put("sentiment", new JsonArray().add("negative,neutral")).put("tag", new JsonArray().add("vip"))
        .put("min_score", "-0.5").put("min_duration", "60").put("limit", "50").put("from", "2026-01-01T00:00:00Z"));
    CallSearchQuery fromBridge = CallSearchQuery.fromJson(new JsonObject()
        .put("q", "refund").put("sentiment", new JsonArray().add("negative").add("neutral")).put("tag", "vip")
        .put("min_score", -0.5).put("min_duration", 60).put("limit", 50).put("from", "2026-01-01T00:00:00Z"));
    assertEquals(fromHttp, fromBridge);
    assertEquals(Set.of("negative", "neutral"), fromHttp.sentiment());
    assertEquals(List.of("vip"), fromHttp.tags());
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), fromHttp.from());
    assertEquals(fromHttp, CallSearchQuery.fromJson(fromHttp.toJson()), "round trip");
    assertEquals(CallSearchQuery.DEFAULT_LIMIT, CallSearchQuery.fromJson(new JsonObject()).limit());
  }

  @Test
  void everyMalformedValueIsRefusedNamingItsParameter() {
    Object[][] bad = {
      {"limit", 0}, {"limit", 101}, {"limit", "x"}, {"min_score", 1.5}, {"max_score", "high"}, {"sentiment", "angry"},
      {"from", "yesterday"}, {"min_duration", -1}, {"q", "x".repeat(201)}, {"agent", 7}, {"tag", new JsonArray().add(1)},
      {"cursor", "c".repeat(600)},
    };
    for (Object[] b : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> CallSearchQuery.fromJson(new JsonObject().put((String) b[0], b[1])), b[0] + "=" + b[1]);
      assertTrue(e.getMessage().startsWith(b[0] + ":"), e.getMessage());
    }
    IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
        () -> CallSearchQuery.fromJson(new JsonObject().put("from", "2026-02-01T00:00:00Z").put("to", "2026-01-01T00:00:00Z")));
    assertTrue(order.getMessage().startsWith("from:"), order.getMessage());
  }
}
