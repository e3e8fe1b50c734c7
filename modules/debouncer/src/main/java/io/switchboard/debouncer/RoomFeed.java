package io.switchboard.debouncer;

import io.switchboard.contract.live.ChangeRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * What one room's subscription said since its last flush began (docs/architecture.md#change-feed):
 * the HSET notifications of its call hash, the change records that followed them, and whether
 * anything else changed. A flush publishes from the records alone only when they account for every
 * notification; otherwise it reads the room from Redis.
 */
final class RoomFeed {
  /** HSET notifications of the call hash no record has matched yet. */
  private int unmatched;
  /** A change no record covers (another writer's, another key's, a resync, an unreadable record). */
  private boolean mustRead;
  private final List<ChangeRecord> records = new ArrayList<>(2);

  /** A keyspace notification of the room: only an HSET of the call hash can be matched by a record. */
  void notified(boolean hashWrite) {
    if (hashWrite) {
      unmatched++;
    } else {
      mustRead = true;
    }
  }

  /**
   * The record that follows an HSET notification on the same connection. False, nothing kept, when
   * no notification is waiting for it (its notification came before this flush began, or
   * notifications are off): then only a read can tell what the room holds.
   */
  boolean recorded(ChangeRecord record) {
    if (unmatched == 0) {
      return false;
    }
    unmatched--;
    records.add(record);
    return true;
  }

  void mustRead() {
    mustRead = true;
  }

  /** The records, when they cover every change seen; null when the room must be read. */
  List<ChangeRecord> coveringRecords() {
    return mustRead || unmatched != 0 || records.isEmpty() ? null : records;
  }
}
