package io.switchboard.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoomNamesTest {
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
