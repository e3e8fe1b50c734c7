package io.switchboard.contract.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
class ChangeRecordTest {
  @Property(tries = 300)
  void everyRecordDecodesToItself(@ForAll("records") ChangeRecord record) {
    assertEquals(record, ChangeRecord.parse(record.encode()));
  }

  @Property(tries = 300)
  void aCutRecordIsRefused(@ForAll("records") ChangeRecord record, @ForAll("fractions") double cut) {
    Buffer whole = record.encode();
    int at = (int) (whole.length() * cut);
    Buffer part = whole.getBuffer(0, at);
    try {
      ChangeRecord read = ChangeRecord.parse(part);
      // a cut can fall exactly between two field/value pairs: then it is a shorter record, never a garbled one
      assertEquals(record.session(), read.session());
      assertEquals(record.lines(), read.lines());
      assertEquals(record.fieldValues().subList(0, read.fieldValues().size()), read.fieldValues());
    } catch (IllegalArgumentException refused) {
      // refused as not a record: what the debouncer then does is read the room
    }
  }

  @Example
  void whatTheScriptBuildsIsRead() {
    // the apply script's form for a line at seq 4 after seq 3, setting last_seq and interim
    String wire = "1:1" + "2:s1" + "1:3" + "1:1" + "1:4" + "14:{\"text\":\"a:b\"}" + "8:last_seq" + "1:4" + "7:interim" + "0:";
    ChangeRecord r = ChangeRecord.parse(Buffer.buffer(wire));
    assertEquals(new ChangeRecord("s1", 3, List.of(new ChangeRecord.Line(4, "{\"text\":\"a:b\"}")), List.of("last_seq", "4", "interim", "")), r);
    assertEquals(4, r.toSeq());
  }

  @Example
  void anotherVersionOrGarbageIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ChangeRecord.parse(Buffer.buffer("1:22:s11:01:0")));
    assertThrows(IllegalArgumentException.class, () -> ChangeRecord.parse(Buffer.buffer("hello")));
    assertThrows(IllegalArgumentException.class, () -> ChangeRecord.parse(Buffer.buffer("1:12:s11:x1:0")));
    assertThrows(IllegalArgumentException.class, () -> ChangeRecord.parse(Buffer.buffer("1:12:s11:31:0" + "5:field")));
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
