package io.switchboard.platform.redis;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Scripts resolve under their owner's package, so one module's script cannot shadow another's. */
class LuaScriptTest {

  @Test
  void aRelativePathResolvesUnderTheOwnersPackage() {
    assertNotNull(LuaScript.fromResource(LuaScriptTest.class, "lua/probe.lua"));
    // the same relative path from a class in another package finds nothing
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> LuaScript.fromResource(String.class, "lua/probe.lua"));
    assertTrue(e.getMessage().contains("lua/probe.lua"), e.getMessage());
  }

  @Test
  void anAbsolutePathIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LuaScript.fromResource(LuaScriptTest.class, "/io/switchboard/platform/redis/lua/probe.lua"));
    assertTrue(e.getMessage().contains("relative"), e.getMessage());
  }
}
