package io.switchboard.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.config.ConfigException;
import io.switchboard.contract.config.ConfigKeys;
import io.switchboard.contract.config.GatewayConfig;
import io.switchboard.contract.config.Settings;
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
  void nestedFilesAndFlatKeysReadTheSame() {
    JsonObject nested = new JsonObject().put("http", new JsonObject().put("port", 9090).put("host", "127.0.0.1"));
    JsonObject flat = ConfigKeys.flatten(nested);
    assertEquals(9090, flat.getInteger("http.port"));
    GatewayConfig a = GatewayConfig.from(Settings.of(nested));
    GatewayConfig b = GatewayConfig.from(new Settings(new JsonObject().put("http.port", "9090").put("http.host", "127.0.0.1")));
    assertEquals(a.httpPort(), b.httpPort());
    assertEquals(a.httpHost(), b.httpHost());
  }

  @Test
  void environmentAndSystemPropertiesBecomeKeys() {
    JsonObject env = ConfigKeys.fromEnv(Map.of("SWITCHBOARD_SIMULATOR_CALLS", "12", "HOME", "/root", "MONGO_URL", "mongodb://x"));
    assertEquals(new JsonObject().put("simulator.calls", "12").put("mongo.url", "mongodb://x"), env);
    JsonObject sys = ConfigKeys.fromSystemProperties(Map.of("switchboard.http.port", "1", "java.home", "/j"));
    assertEquals(new JsonObject().put("http.port", "1"), sys);
  }

  @Test
  void wrongTypesNameTheSettingAndItsVariable() {
    Settings s = new Settings(new JsonObject().put("http.port", "eighty").put("flag", "maybe"));
    ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.from(s));
    assertTrue(e.getMessage().contains("http.port"), e.getMessage());
    assertTrue(e.getMessage().contains("SWITCHBOARD_HTTP_PORT"), e.getMessage());
    assertThrows(ConfigException.class, () -> s.bool("flag", false));
    assertThrows(ConfigException.class, () -> new Settings(new JsonObject().put("http.port", 70000)).integer("http.port", 1, 0, 65535));
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

  @Test
  void everyDeclaredSettingKeyRoundTripsThroughItsEnvironmentName() throws Exception {
    for (Class<?> c : new Class<?>[] {
        io.switchboard.contract.config.GatewayConfig.class, io.switchboard.contract.config.IngestConfig.class,
        io.switchboard.contract.config.DebouncerConfig.class, io.switchboard.contract.config.WebhookReceiverConfig.class,
        io.switchboard.contract.config.SentimentConfig.class, io.switchboard.contract.config.ControlConfig.class,
        io.switchboard.contract.config.AgentPipelineConfig.class, io.switchboard.contract.config.AnalyticsConfig.class,
        io.switchboard.contract.config.LiveKitSettings.class, io.switchboard.contract.config.CommonKeys.class,
        io.switchboard.contract.config.AuthConfig.class}) {
      for (java.lang.reflect.Field f : c.getFields()) {
        if (f.getType() == String.class && java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
          String key = (String) f.get(null);
          if (key.contains(".") || f.getName().endsWith("_URL")) {
            assertEquals(key, ConfigKeys.keyOfEnv(ConfigKeys.envOf(key)), c.getSimpleName() + "." + f.getName());
          }
        }
      }
    }
  }

  @Test
  void unknownHealthExpectationIsAConfigError() {
    Settings s = new Settings(new JsonObject().put("health.expect", "gateway,nope"));
    assertThrows(ConfigException.class, () -> GatewayConfig.from(s));
  }

  @Test
  void roomNamesAreSafeForAddressesAndKeys() {
    assertTrue(RoomNames.isValid("call-123_A"));
    assertFalse(RoomNames.isValid("a.b"));
    assertFalse(RoomNames.isValid("history"));
    assertFalse(RoomNames.isValid(""));
    assertFalse(RoomNames.isValid("x".repeat(129)));
    assertEquals("call.r1", Addresses.call("r1"));
    assertEquals("call.r1.debug", Addresses.callDebug("r1"));
    assertEquals("agent.r1.control", Addresses.agentControl("r1"));
    assertEquals("r1", Addresses.roomOf("call.r1"));
    assertNull(Addresses.roomOf("call.r1.debug"));
    assertThrows(IllegalArgumentException.class, () -> Addresses.call("../x"));
  }
}
