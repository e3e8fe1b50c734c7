package io.switchboard.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One name per failure code, shared by HTTP error bodies and metric tags. */
class BusErrorsTest {

  @Test
  void everyCodeHasItsOwnName() throws Exception {
    Set<String> names = new HashSet<>();
    int codes = 0;
    for (Field f : BusErrors.class.getFields()) {
      if (f.getType() == int.class && Modifier.isStatic(f.getModifiers())) {
        int code = f.getInt(null);
        String name = BusErrors.name(code, "?");
        assertNotEquals("?", name, f.getName() + " has no name");
        names.add(name);
        codes++;
      }
    }
    assertEquals(codes, names.size(), "two codes share a name: " + names);
  }

  @Test
  void namesAreTheWireNames() {
    assertEquals("bad_request", BusErrors.name(BusErrors.BAD_REQUEST, "?"));
    assertEquals("not_found", BusErrors.name(BusErrors.NOT_FOUND, "?"));
    assertEquals("payload_too_large", BusErrors.name(BusErrors.PAYLOAD_TOO_LARGE, "?"));
    assertEquals("timeout", BusErrors.name(BusErrors.TIMEOUT, "?"));
    assertEquals("other", BusErrors.name(418, "other"));
  }
}
