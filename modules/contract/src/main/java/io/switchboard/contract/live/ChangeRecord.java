package io.switchboard.contract.live;

import java.util.List;

/**
 * One event's writes as the apply script reports them on {@link RedisKeys#feedChannel} (docs/architecture.md#change-feed):
 * the session, the call's {@code last_seq} before the event, the log lines it added and every hash
 * field its one HSET wrote, exactly as stored. With it the debouncer publishes the event's delta
 * without reading the room back.
 *
 * <p>Its wire form (MessagePack, as the script's {@code cmsgpack} packs it) is read and written by
 * platform's {@code ChangeRecordCodec}.
 */
public record ChangeRecord(String session, long baseSeq, List<Line> lines, List<String> fieldValues) {
  /** A log line the event added: its seq and its JSON as stored (without seq). */
  public record Line(long seq, String json) {}

  /** The seq the room is at after this event: its last line's, or the base seq when it logged nothing. */
  public long toSeq() {
    return lines.isEmpty() ? baseSeq : lines.get(lines.size() - 1).seq();
  }
}
