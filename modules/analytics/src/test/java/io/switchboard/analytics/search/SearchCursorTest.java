package io.switchboard.analytics.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SearchCursorTest {
  @Test
  void roundTripsIdsWithSeparators() {
    SearchCursor c = new SearchCursor(1_767_600_000_123L, "room-1|sess:9|1767600000123");
    assertEquals(c, SearchCursor.decode(c.encode()));
    assertTrue(c.encode().matches("[A-Za-z0-9_-]+"), "URL-safe: " + c.encode());
  }

  @Test
  void garbageIsRefusedNamingTheCursor() {
    for (String bad : new String[] {"%%%", "bm90IGEgY3Vyc29y", "MTp4OnJvb20", "MjoxOnJvb20"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchCursor.decode(bad), bad);
      assertTrue(e.getMessage().startsWith("cursor: "), e.getMessage());
    }
  }
}
