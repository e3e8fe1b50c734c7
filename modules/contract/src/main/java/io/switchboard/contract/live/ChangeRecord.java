package io.switchboard.contract.live;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One event's writes as the apply script reports them on {@link RedisKeys#feedChannel} (docs/architecture.md#change-feed):
 * the session, the call's {@code last_seq} before the event, the log lines it added and every hash
 * field its one HSET wrote, exactly as stored. With it the debouncer publishes the event's delta
 * without reading the room back.
 *
 * <p>Wire form, version 1: a run of parts, each {@code <byte length>:<bytes>} (UTF-8, nothing
 * between parts; Lua's {@code #s} counts bytes): {@code "1"}, session, base seq, line count n, n ×
 * (seq, line JSON), then field, value pairs to the end. Length-prefixed because hash values are
 * raw text (an interim may hold a newline or a colon), and cheap for the script to build.
 */
public record ChangeRecord(String session, long baseSeq, List<Line> lines, List<String> fieldValues) {
  public static final String VERSION = "1";

  /** A log line the event added: its seq and its JSON as stored (without seq). */
  public record Line(long seq, String json) {}

  /** The seq the room is at after this event: its last line's, or the base seq when it logged nothing. */
  public long toSeq() {
    return lines.isEmpty() ? baseSeq : lines.get(lines.size() - 1).seq();
  }

  /**
   * Decodes a record; throws {@link IllegalArgumentException} for anything not a version-1
   * record (a newer script's record, a truncated message): the caller reads the room instead.
   */
  public static ChangeRecord parse(Buffer raw) {
    Parts p = new Parts(raw);
    String version = p.next();
    if (!VERSION.equals(version)) {
      throw new IllegalArgumentException("change record version " + version);
    }
    String session = p.next();
    long base = p.nextLong();
    long n = p.nextLong();
    if (n < 0 || n > raw.length()) {
      throw new IllegalArgumentException("change record line count " + n);
    }
    List<Line> lines = new ArrayList<>((int) n);
    for (long i = 0; i < n; i++) {
      lines.add(new Line(p.nextLong(), p.next()));
    }
    List<String> fieldValues = new ArrayList<>();
    while (p.hasNext()) {
      fieldValues.add(p.next());
      fieldValues.add(p.next());
    }
    return new ChangeRecord(session, base, List.copyOf(lines), List.copyOf(fieldValues));
  }

  /** The wire form of a record (what the apply script builds; tests and other writers use it). */
  public Buffer encode() {
    Buffer out = Buffer.buffer();
    part(out, VERSION);
    part(out, session);
    part(out, Long.toString(baseSeq));
    part(out, Integer.toString(lines.size()));
    for (Line l : lines) {
      part(out, Long.toString(l.seq()));
      part(out, l.json());
    }
    fieldValues.forEach(v -> part(out, v));
    return out;
  }

  private static void part(Buffer out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.appendString(Integer.toString(b.length)).appendByte((byte) ':').appendBytes(b);
  }

  /** Reads the length-prefixed parts of a record in order. */
  private static final class Parts {
    private final Buffer raw;
    private int at;

    Parts(Buffer raw) {
      this.raw = raw;
    }

    boolean hasNext() {
      return at < raw.length();
    }

    String next() {
      int len = 0;
      int digits = 0;
      while (true) {
        if (at >= raw.length()) {
          throw new IllegalArgumentException("change record truncated at byte " + at);
        }
        byte b = raw.getByte(at++);
        if (b == ':' && digits > 0) {
          break;
        }
        if (b < '0' || b > '9' || ++digits > 9) {
          throw new IllegalArgumentException("change record: bad length at byte " + (at - 1));
        }
        len = len * 10 + (b - '0');
      }
      if (len > raw.length() - at) {
        throw new IllegalArgumentException("change record truncated: part of " + len + " bytes at byte " + at);
      }
      String s = raw.getString(at, at + len, "UTF-8");
      at += len;
      return s;
    }

    long nextLong() {
      String s = next();
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("change record: not a number: " + s);
      }
    }
  }
}
