package io.switchboard.platform.redis;

import io.switchboard.contract.live.ChangeRecord;
import io.switchboard.contract.live.ChangeRecord.Line;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * The wire form of a {@link ChangeRecord} on {@code feed:<room>} (docs/architecture.md#change-feed),
 * version 1: a MessagePack stream as Redis's Lua {@code cmsgpack.pack} writes it — 1, session, base
 * seq, line count n, n × (seq, line JSON), then one array of field, value, … — numbers as integers
 * or their decimal strings, text as str or bin. MessagePack because the script packs it in one C
 * call: assembling a length-prefixed string in Lua cost Redis ≈ 30 µs an event against ≈ 6 for
 * {@code cmsgpack} (bench/BOTTLENECKS.md, session 12).
 */
public final class ChangeRecordCodec {
  public static final int VERSION = 1;

  private ChangeRecordCodec() {}

  /**
   * Decodes a record; throws {@link IllegalArgumentException} for anything not a whole version-1
   * record (a newer script's record, a truncated message): the caller reads the room instead.
   */
  public static ChangeRecord parse(Buffer raw) {
    try (MessageUnpacker in = MessagePack.newDefaultUnpacker(raw.getBytes())) {
      long version = number(in);
      if (version != VERSION) {
        throw new IllegalArgumentException("change record version " + version);
      }
      String session = text(in);
      long base = number(in);
      long n = number(in);
      if (n < 0 || n > raw.length()) {
        throw new IllegalArgumentException("change record line count " + n);
      }
      List<Line> lines = new ArrayList<>((int) n);
      for (long i = 0; i < n; i++) {
        lines.add(new Line(number(in), text(in)));
      }
      int size = in.unpackArrayHeader();
      if (size % 2 != 0) {
        throw new IllegalArgumentException("change record: " + size + " field/value items");
      }
      List<String> fieldValues = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        fieldValues.add(text(in));
      }
      if (in.hasNext()) {
        throw new IllegalArgumentException("change record: bytes after the fields");
      }
      return new ChangeRecord(session, base, List.copyOf(lines), List.copyOf(fieldValues));
    } catch (IOException | MessagePackException | ArithmeticException e) {
      throw new IllegalArgumentException("change record not readable: " + e.getMessage(), e);
    }
  }

  /** The wire form of a record, as the apply script packs it (tests and other writers use it). */
  public static Buffer encode(ChangeRecord record) {
    try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
      out.packInt(VERSION).packString(record.session()).packLong(record.baseSeq()).packInt(record.lines().size());
      for (Line l : record.lines()) {
        out.packLong(l.seq()).packString(l.json());
      }
      out.packArrayHeader(record.fieldValues().size());
      for (String v : record.fieldValues()) {
        out.packString(v);
      }
      return Buffer.buffer(out.toByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(MessageUnpacker in) throws IOException {
    MessageFormat f = in.getNextFormat();
    if (f.getValueType() == ValueType.STRING) {
      return in.unpackString();
    }
    if (f.getValueType() == ValueType.BINARY) {
      return new String(in.readPayload(in.unpackBinaryHeader()), StandardCharsets.UTF_8);
    }
    throw new IllegalArgumentException("change record: " + f.getValueType() + " where text belongs");
  }

  /** An integer, or its decimal text (the script passes Redis's strings, such as last_seq, as they are). */
  private static long number(MessageUnpacker in) throws IOException {
    MessageFormat f = in.getNextFormat();
    if (f.getValueType() == ValueType.INTEGER) {
      return in.unpackLong();
    }
    if (f.getValueType() == ValueType.FLOAT) {
      double d = in.unpackDouble();
      if (d != Math.rint(d) || Math.abs(d) > 1e15) {
        throw new IllegalArgumentException("change record: not a whole number: " + d);
      }
      return (long) d;
    }
    String s = text(in);
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("change record: not a number: " + s);
    }
  }
}
