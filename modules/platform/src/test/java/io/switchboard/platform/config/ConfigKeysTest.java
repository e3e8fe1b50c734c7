package io.switchboard.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {
  @Test
  void envNamesMapToDottedKeysAndBack() {
    assertEquals("http.port", ConfigKeys.keyOfEnv("SWITCHBOARD_HTTP_PORT"));
    assertEquals("SWITCHBOARD_HTTP_PORT", ConfigKeys.envOf("http.port"));
    assertEquals("redis.url", ConfigKeys.keyOfEnv("REDIS_URL"));
    assertEquals("livekit.api.secret", ConfigKeys.keyOfEnv("LIVEKIT_API_SECRET"));
    assertNull(ConfigKeys.keyOfEnv("PATH"));
    assertNull(ConfigKeys.keyOfEnv("SWITCHBOARD_"));
  }

  @Test
  void environmentAndSystemPropertiesBecomeKeys() {
    JsonObject env = ConfigKeys.fromEnv(Map.of("SWITCHBOARD_SIMULATOR_CALLS", "12", "HOME", "/root", "MONGO_URL", "mongodb://x"));
    assertEquals(new JsonObject().put("simulator.calls", "12").put("mongo.url", "mongodb://x"), env);
    JsonObject sys = ConfigKeys.fromSystemProperties(Map.of("switchboard.http.port", "1", "java.home", "/j"));
    assertEquals(new JsonObject().put("http.port", "1"), sys);
  }

  @Test
  void listsAndMapsFromStringsOrJson() {
    Settings s = new Settings(new JsonObject()
        .put("verticles", "ingest, debouncer")
        .put("transfer.targets.en", "sip:en@pbx")
        .put("agent.keys", "a=1,b=2"));
    assertEquals(List.of("ingest", "debouncer"), s.list("verticles", List.of()));
    assertEquals(Map.of("en", "sip:en@pbx"), s.map("transfer.targets"));
    assertEquals(Map.of("a", "1", "b", "2"), s.map("agent.keys"));
    assertThrows(ConfigException.class, () -> new Settings(new JsonObject().put("m", "novalue")).map("m"));
  }
}
