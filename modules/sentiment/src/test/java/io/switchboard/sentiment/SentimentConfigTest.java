package io.switchboard.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.platform.config.ConfigException;
import io.switchboard.platform.config.Settings;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SentimentConfigTest {
  @Test
  void defaultsAreOfflineWithStandardEscalationThresholds() {
    SentimentConfig c = SentimentConfig.from(new Settings(new JsonObject()));
    assertEquals("embedded", c.provider());
    assertEquals(4000, c.agentLatencyEscalationMs());
    assertEquals(3, c.negativeStreakEscalation());
    assertEquals(2, c.repeatComplaintEscalation());
    assertEquals(c, new SentimentConfig("embedded", null, null, null, 1500));
  }

  @Test
  void thresholdsAreReadFromNestedOrFlatKeys() {
    JsonObject nested = new JsonObject().put("sentiment", new JsonObject()
        .put("escalation", new JsonObject()
            .put("agent", new JsonObject().put("latency", new JsonObject().put("ms", 2500)))
            .put("negative", new JsonObject().put("streak", "4"))));
    SentimentConfig c = SentimentConfig.from(Settings.of(nested));
    assertEquals(2500, c.agentLatencyEscalationMs());
    assertEquals(4, c.negativeStreakEscalation());
    assertThrows(ConfigException.class,
        () -> SentimentConfig.from(new Settings(new JsonObject().put(SentimentConfig.REPEAT_COMPLAINTS, 0))));
  }
}
