package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.platform.config.ConfigKeys;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/** The setting keys every verticle module declares follow the one naming rule of ConfigKeys. */
class SettingKeysTest {

  @Test
  void everyDeclaredSettingKeyRoundTripsThroughItsEnvironmentName() throws Exception {
    int checked = 0;
    for (Class<?> c : VerticleCatalog.settingKeyClasses()) {
      for (Field f : c.getFields()) {
        if (f.getType() == String.class && Modifier.isStatic(f.getModifiers())) {
          String key = (String) f.get(null);
          if (key.contains(".") || f.getName().endsWith("_URL")) {
            assertEquals(key, ConfigKeys.keyOfEnv(ConfigKeys.envOf(key)), c.getSimpleName() + "." + f.getName());
            checked++;
          }
        }
      }
    }
    assertTrue(checked > 20, "setting keys found: " + checked);
  }
}
