package io.switchboard.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixed addresses a verticle consumes can never be taken for a room's fan-out address. */
class ServiceAddressesTest {
  @Test
  void everyFixedPointToPointAddressIsAServiceAddress() throws Exception {
    List<String> fixed = new ArrayList<>();
    for (Field f : Addresses.class.getFields()) {
      if (f.getType() == String.class && !f.getName().endsWith("_REGEX") && !f.getName().endsWith("_PREFIX")) {
        fixed.add((String) f.get(null));
      }
    }
    fixed.removeAll(List.of(Addresses.CALLS_ACTIVE, Addresses.ALERTS)); // the two fixed fan-out addresses
    for (String a : fixed) {
      assertTrue(Addresses.isServiceAddress(a), a);
    }
    assertEquals(fixed.stream().sorted().toList(), Addresses.SERVICE_ADDRESSES.stream().sorted().toList());
  }

  @Test
  void fixedCallAddressesAreReservedRoomNamesAndNoRoomRegexMatchesThem() {
    for (String a : Addresses.SERVICE_ADDRESSES) {
      if (a.startsWith("call.")) {
        String name = a.substring("call.".length());
        assertTrue(RoomNames.RESERVED.contains(name), name);
        assertFalse(a.matches(Addresses.CALL_REGEX), a);
        assertTrue(Addresses.roomOf(a) == null, a);
      }
      for (BrowserAccess.Rule r : BrowserAccess.RULES) {
        if (r.direction() == BrowserAccess.Direction.RECEIVE) {
          assertFalse(a.matches(r.addressRegex()), r.addressRegex() + " matches " + a);
        }
      }
      assertTrue(BrowserAccess.ruleFor(a, BrowserAccess.Direction.RECEIVE).isEmpty(), a);
    }
    assertEquals("room-1", Addresses.roomOf(Addresses.call("room-1")));
    assertEquals("historyx", Addresses.roomOf("call.historyx"));
    assertTrue(Addresses.isServiceAddress(Addresses.health(VerticleName.INGEST)));
    assertFalse(Addresses.isServiceAddress(Addresses.call("room-1")));
  }
}
