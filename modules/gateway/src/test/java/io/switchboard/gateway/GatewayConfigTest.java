package io.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.platform.config.ConfigException;
import io.switchboard.platform.config.ConfigKeys;
import io.switchboard.platform.config.Settings;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Settings parsing as the gateway reads it (moved from contract's ConfigKeysTest with the record). */
class GatewayConfigTest {
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
  void wrongTypesNameTheSettingAndItsVariable() {
    Settings s = new Settings(new JsonObject().put("http.port", "eighty").put("flag", "maybe"));
    ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.from(s));
    assertTrue(e.getMessage().contains("http.port"), e.getMessage());
    assertTrue(e.getMessage().contains("SWITCHBOARD_HTTP_PORT"), e.getMessage());
    assertThrows(ConfigException.class, () -> s.bool("flag", false));
    assertThrows(ConfigException.class, () -> new Settings(new JsonObject().put("http.port", 70000)).integer("http.port", 1, 0, 65535));
  }

  @Test
  void unknownHealthExpectationIsAConfigError() {
    Settings s = new Settings(new JsonObject().put("health.expect", "gateway,nope"));
    assertThrows(ConfigException.class, () -> GatewayConfig.from(s));
  }
}
