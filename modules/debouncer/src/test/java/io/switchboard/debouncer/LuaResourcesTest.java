package io.switchboard.debouncer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/** The debouncer's Lua scripts load from io/switchboard/debouncer/lua/ (each class loads its scripts when initialised). */
class LuaResourcesTest {

  @Test
  void everyScriptOwnerFindsItsScripts() {
    for (String owner : new String[] {"io.switchboard.debouncer.HistoryService", "io.switchboard.debouncer.RoomPublisher", "io.switchboard.debouncer.PartitionLeases", "io.switchboard.debouncer.DebugRings"}) {
      assertDoesNotThrow(() -> Class.forName(owner, true, LuaResourcesTest.class.getClassLoader()), owner);
    }
  }
}
