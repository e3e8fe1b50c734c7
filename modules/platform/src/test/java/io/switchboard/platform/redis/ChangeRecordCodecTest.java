package io.switchboard.platform.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.contract.live.ChangeRecord;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Example;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The change record's wire form (docs/architecture.md#change-feed): any record, whatever its text
 * holds (colons, digits, newlines, multi-byte UTF-8), decodes to itself; a byte string that is not
 * a whole version-1 record is refused as such, never half-read.
 */
class ChangeRecordCodecTest {
  @Property(tries = 300)
  void everyRecordDecodesToItself(@ForAll("records") ChangeRecord record) {
    assertEquals(record, ChangeRecordCodec.parse(ChangeRecordCodec.encode(record)));
  }

  @Property(tries = 300)
  void aCutRecordIsRefused(@ForAll("records") ChangeRecord record, @ForAll("fractions") double cut) {
    Buffer whole = ChangeRecordCodec.encode(record);
    int at = (int) (whole.length() * cut);
    Buffer part = whole.getBuffer(0, at);
    try {
      ChangeRecord read = ChangeRecordCodec.parse(part);
      // a cut can fall exactly between two field/value pairs: then it is a shorter record, never a garbled one
      assertEquals(record.session(), read.session());
      assertEquals(record.lines(), read.lines());
      assertEquals(record.fieldValues().subList(0, read.fieldValues().size()), read.fieldValues());
    } catch (IllegalArgumentException refused) {
      // refused as not a record: what the debouncer then does is read the room
    }
  }

  @Example
  void whatTheScriptPacksIsRead() throws Exception {
    // as cmsgpack.pack(1, session, knownSeq, 1, seq, line, hset) writes it: the base seq is the
    // hash's string, the others Lua numbers
    Buffer wire = packed(p -> p.packInt(1).packString("s1").packString("3").packInt(1).packInt(4).packString("{\"text\":\"a:b\"}")
        .packArrayHeader(4).packString("last_seq").packString("4").packString("interim").packString(""));
    ChangeRecord r = ChangeRecordCodec.parse(wire);
    assertEquals(new ChangeRecord("s1", 3, List.of(new ChangeRecord.Line(4, "{\"text\":\"a:b\"}")), List.of("last_seq", "4", "interim", "")), r);
    assertEquals(4, r.toSeq());
  }

  @Example
  void anotherVersionOrGarbageIsRefused() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> ChangeRecordCodec.parse(packed(p -> p.packInt(2).packString("s1").packInt(0).packInt(0).packArrayHeader(0))));
    assertThrows(IllegalArgumentException.class, () -> ChangeRecordCodec.parse(Buffer.buffer("hello")));
    assertThrows(IllegalArgumentException.class, () -> ChangeRecordCodec.parse(packed(p -> p.packInt(1).packString("s1").packString("x").packInt(0).packArrayHeader(0))));
    assertThrows(IllegalArgumentException.class, () -> ChangeRecordCodec.parse(packed(p -> p.packInt(1).packString("s1").packInt(3).packInt(0).packArrayHeader(1).packString("field"))));
    assertThrows(IllegalArgumentException.class, () -> ChangeRecordCodec.parse(Buffer.buffer()));
  }

  private interface Packing {
    void into(org.msgpack.core.MessagePacker p) throws java.io.IOException;
  }

  private static Buffer packed(Packing packing) throws java.io.IOException {
    try (org.msgpack.core.MessageBufferPacker p = org.msgpack.core.MessagePack.newDefaultBufferPacker()) {
      packing.into(p);
      return Buffer.buffer(p.toByteArray());
    }
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.doubles().between(0, 1);
  }

  @Provide
  Arbitrary<ChangeRecord> records() {
    // text as Redis can hold it for us: whole code points (a lone surrogate has no UTF-8 form)
    Arbitrary<String> text = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD').ofMaxLength(40),
        Arbitraries.of("0", "9", "12:", ":", "\n", "|", "é", "🎧", " ").list().ofMaxSize(10).map(l -> String.join("", l)));
    Arbitrary<List<ChangeRecord.Line>> lines = Combinators.combine(Arbitraries.longs().between(1, 1_000_000), text.list().ofMaxSize(3))
        .as((first, jsons) -> {
          List<ChangeRecord.Line> out = new ArrayList<>();
          for (int i = 0; i < jsons.size(); i++) {
            out.add(new ChangeRecord.Line(first + i, jsons.get(i)));
          }
          return out;
        });
    Arbitrary<List<String>> pairs = text.list().ofMaxSize(6).map(l -> l.size() % 2 == 0 ? l : l.subList(0, l.size() - 1));
    return Combinators.combine(text, Arbitraries.longs().between(0, 1_000_000), lines, pairs)
        .as((session, base, ls, fv) -> new ChangeRecord(session, base, List.copyOf(ls), List.copyOf(fv)));
  }
}
