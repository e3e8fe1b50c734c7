package io.switchboard.sentiment.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sentiment.model.SentimentLabel;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabeledCsvTest {
  @Test
  void readsRfc4180QuotedCommasQuotesAndLineBreaks() throws Exception {
    String csv = "text,label\r\n"
        + "\"well, i mean, it works\",positive\r\n"
        + "\"he said \"\"fine\"\" and hung up\",negative\r\n"
        + "\"first line\nsecond line, still the same field\",neutral\r\n"
        + "plain,neutral\r\n";
    List<LabeledUtterance> rows = LabeledCsv.readSentiment(new StringReader(csv));
    assertEquals(4, rows.size());
    assertEquals("well, i mean, it works", rows.get(0).text());
    assertEquals("he said \"fine\" and hung up", rows.get(1).text());
    assertEquals("first line\nsecond line, still the same field", rows.get(2).text());
    assertEquals(SentimentLabel.NEGATIVE, rows.get(1).label());
    assertEquals("plain", rows.get(3).text());
  }

  @Test
  void findsColumnsByNameIgnoresExtraColumnsAndReadsUtf8WithBom(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("set.csv");
    Files.writeString(f, "\uFEFFid,label,text,source\n1,positive,\"café was lovely ☕, ta\",x\n", StandardCharsets.UTF_8);
    List<LabeledUtterance> rows = LabeledCsv.readSentiment(f);
    assertEquals(1, rows.size());
    assertEquals("café was lovely ☕, ta", rows.get(0).text());
    assertEquals(SentimentLabel.POSITIVE, rows.get(0).label());
  }

  @Test
  void readsEscalationSetsWithOptionalLabel() throws Exception {
    var rows = LabeledCsv.readEscalation(new StringReader("text,escalate,label\n\"get me a manager, now\",1,negative\nhello,0,\n"));
    assertTrue(rows.get(0).escalate());
    assertEquals(SentimentLabel.NEGATIVE, rows.get(0).label());
    assertEquals(false, rows.get(1).escalate());
    assertNull(rows.get(1).label());
    var noLabel = LabeledCsv.readEscalation(new StringReader("escalate,text\ntrue,\"i'll sue\"\n"));
    assertTrue(noLabel.get(0).escalate());
  }

  @Test
  void rejectsBadInputWithAClearMessage() {
    var noColumn = assertThrows(IllegalArgumentException.class, () -> LabeledCsv.readSentiment(new StringReader("utterance,label\nx,neutral\n")));
    assertTrue(noColumn.getMessage().contains("text,label"), noColumn.getMessage());
    var badLabel = assertThrows(IllegalArgumentException.class, () -> LabeledCsv.readSentiment(new StringReader("text,label\nx,angry\n")));
    assertTrue(badLabel.getMessage().contains("angry"), badLabel.getMessage());
    var badFlag = assertThrows(IllegalArgumentException.class, () -> LabeledCsv.readEscalation(new StringReader("text,escalate\nx,maybe\n")));
    assertTrue(badFlag.getMessage().contains("maybe"), badFlag.getMessage());
    assertThrows(Exception.class, () -> LabeledCsv.readSentiment(new StringReader("text,label\n\"never closed,neutral\n")));
  }

  @Test
  void reportComputesMetricsFromTheConfusionMatrix() {
    ClassificationReport r = new ClassificationReport();
    r.add(SentimentLabel.POSITIVE, SentimentLabel.POSITIVE);
    r.add(SentimentLabel.POSITIVE, SentimentLabel.NEUTRAL);
    r.add(SentimentLabel.NEGATIVE, SentimentLabel.NEGATIVE);
    r.add(SentimentLabel.NEUTRAL, SentimentLabel.NEGATIVE);
    assertEquals(0.5, r.accuracy(), 1e-9);
    assertEquals(1.0, r.precision(SentimentLabel.POSITIVE), 1e-9);
    assertEquals(0.5, r.recall(SentimentLabel.POSITIVE), 1e-9);
    assertEquals(0.5, r.precision(SentimentLabel.NEGATIVE), 1e-9);
    assertEquals(0.0, r.f1(SentimentLabel.NEUTRAL), 1e-9);
    assertEquals((2.0 / 3 + 2.0 / 3 + 0) / 3, r.macroF1(), 1e-9);
  }
}
