package io.switchboard.ingest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/** Ingest's Lua scripts load from io/switchboard/ingest/lua/ (each class loads its scripts when initialised). */
class LuaResourcesTest {

  @Test
  void everyScriptOwnerFindsItsScripts() {
    for (String owner : new String[] {"io.switchboard.ingest.LiveStateWriter", "io.switchboard.ingest.Archiver"}) {
      assertDoesNotThrow(() -> Class.forName(owner, true, LuaResourcesTest.class.getClassLoader()), owner);
    }
  }
}
