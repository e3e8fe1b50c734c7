package io.switchboard.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.EventType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RulesFeedTest {
  @Test
  void storedEventsGoToTheRulesExceptInterimsAndTheRulesOwnRecords() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      List<JsonObject> seen = new CopyOnWriteArrayList<>();
      vertx.eventBus().<JsonObject>consumer(Addresses.RULES_OBSERVE, m -> seen.add(m.body())).completion().await(5, TimeUnit.SECONDS);
      RulesFeed feed = new RulesFeed(vertx.eventBus());
      feed.stored("r1", "s1", 3, EventType.TRANSCRIPT, new JsonObject().put("role", "user").put("text", "hel").put("final", false), 10);
      feed.stored("r1", "s1", 4, EventType.RULE_FIRED, new JsonObject().put("rule_id", "x").put("seq", 3), 11);
      feed.stored("r1", "s1", 4, EventType.TRANSCRIPT, new JsonObject().put("role", "user").put("text", "hello").put("final", true), 12);
      feed.stored("r1", "s1", 5, EventType.TOOL_CALL, new JsonObject().put("name", "lookup"), 13);
      long end = System.currentTimeMillis() + 5_000;
      while (seen.size() < 2 && System.currentTimeMillis() < end) {
        Thread.sleep(10);
      }
      // the tool call arriving after the final line proves the two before it were left out, in order
      assertEquals(List.of("transcript", "tool_call"), seen.stream().map(j -> j.getString("type")).toList());
      JsonObject line = seen.get(0);
      assertEquals(4L, line.getLong("seq"));
      assertEquals("s1", line.getString("session_id"));
      assertEquals("hello", line.getJsonObject("data").getString("text"));
      assertEquals(12L, line.getLong("at"));
    } finally {
      vertx.close().await(5, TimeUnit.SECONDS);
    }
  }
}
