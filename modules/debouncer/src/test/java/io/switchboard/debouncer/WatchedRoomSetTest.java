package io.switchboard.debouncer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.live.WatchedRooms;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/architecture.md#watched-rooms: unknown means watched; a room is watched for its announcement's TTL. */
class WatchedRoomSetTest {
  @Test
  void everyRoomIsWatchedUntilGatewaysWereHeardForOneTtl() {
    WatchedRoomSet set = new WatchedRoomSet();
    assertTrue(set.watched("a", 0), "nothing heard yet");
    assertEquals(List.of(), set.heard(new WatchedRooms(List.of("a"), 100), 1_000), "nothing is new while everything is watched");
    assertTrue(set.watched("b", 1_099), "within the first TTL");
    assertFalse(set.watched("b", 1_100), "not announced once the first TTL is over");
    assertTrue(set.watched("a", 1_099));
    assertFalse(set.watched("a", 1_100), "its TTL ran out");
  }

  @Test
  void aRoomAnnouncedAgainStaysWatchedAndOnlyAnUnwatchedOneIsNew() {
    WatchedRoomSet set = new WatchedRoomSet();
    set.heard(new WatchedRooms(List.of(), 100), 0);
    assertEquals(List.of("a"), set.heard(new WatchedRooms(List.of("a"), 100), 200));
    assertEquals(List.of("b"), set.heard(new WatchedRooms(List.of("a", "b"), 100), 250), "a was still watched");
    assertTrue(set.watched("a", 349));
    assertFalse(set.watched("a", 350));
    assertEquals(List.of("a"), set.heard(new WatchedRooms(List.of("a"), 100), 400), "a expired: new again");
  }

  @Test
  void aShorterTtlFromAnotherGatewayDoesNotCutALongerOne() {
    WatchedRoomSet set = new WatchedRoomSet();
    set.heard(new WatchedRooms(List.of(), 10), 0);
    set.heard(new WatchedRooms(List.of("a"), 1_000), 20);
    set.heard(new WatchedRooms(List.of("a"), 10), 30);
    assertTrue(set.watched("a", 900));
    assertFalse(set.watched("a", 1_020));
  }

  @Test
  void expiredRoomsAreForgotten() {
    WatchedRoomSet set = new WatchedRoomSet();
    set.heard(new WatchedRooms(List.of("a", "b"), 100), 0);
    assertEquals(2, set.size());
    set.heard(new WatchedRooms(List.of("c"), 100), 5_000);
    assertEquals(1, set.size(), "a and b expired long ago");
  }
}
