package io.switchboard.sentiment.eval;

import io.switchboard.sentiment.model.SentimentLabel;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads labelled sets as RFC 4180 CSV (Apache Commons CSV): a header row naming the columns, fields
 * optionally double-quoted, {@code ""} for a quote and line breaks allowed inside quotes, UTF-8 with
 * or without a byte-order mark. Columns are found by name, so extra columns are ignored.
 */
public final class LabeledCsv {
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(false).get();

  private LabeledCsv() {}

  /** {@code text,label} rows. */
  public static List<LabeledUtterance> readSentiment(Reader source) throws IOException {
    List<LabeledUtterance> rows = new ArrayList<>();
    try (CSVParser parser = FORMAT.parse(source)) {
      requireColumns(parser, "text", "label");
      for (CSVRecord rec : parser) {
        rows.add(new LabeledUtterance(rec.get("text"), label(rec, rec.get("label"))));
      }
    }
    return rows;
  }

  /** {@code text,escalate} rows (escalate 0/1 or true/false), optional {@code label}. */
  public static List<EscalationExample> readEscalation(Reader source) throws IOException {
    List<EscalationExample> rows = new ArrayList<>();
    try (CSVParser parser = FORMAT.parse(source)) {
      requireColumns(parser, "text", "escalate");
      boolean hasLabel = parser.getHeaderMap().containsKey("label");
      for (CSVRecord rec : parser) {
        String flag = rec.get("escalate").strip();
        boolean escalate = switch (flag) {
          case "1", "true", "yes" -> true;
          case "0", "false", "no" -> false;
          default -> throw new IllegalArgumentException(
              "record " + rec.getRecordNumber() + " (line " + rec.getParser().getCurrentLineNumber() + "): escalate must be 0 or 1, got '" + flag + "'");
        };
        String rawLabel = hasLabel && rec.isSet("label") ? rec.get("label") : "";
        SentimentLabel label = rawLabel.isBlank() ? null : label(rec, rawLabel);
        rows.add(new EscalationExample(rec.get("text"), escalate, label));
      }
    }
    return rows;
  }

  public static List<LabeledUtterance> readSentiment(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return readSentiment(stripBom(r));
    }
  }

  public static List<EscalationExample> readEscalation(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return readEscalation(stripBom(r));
    }
  }

  /** Skips a leading U+FEFF (spreadsheet exports) so the first header still reads "text". */
  static Reader stripBom(Reader r) throws IOException {
    java.io.PushbackReader in = new java.io.PushbackReader(r, 1);
    int first = in.read();
    if (first != -1 && first != '\uFEFF') {
      in.unread(first);
    }
    return in;
  }

  private static void requireColumns(CSVParser parser, String... names) {
    Map<String, Integer> header = parser.getHeaderMap();
    for (String n : names) {
      if (header == null || !header.containsKey(n)) {
        throw new IllegalArgumentException("expected a header with columns " + String.join(",", names) + ", got " + (header == null ? "none" : header.keySet()));
      }
    }
  }

  private static SentimentLabel label(CSVRecord rec, String raw) {
    SentimentLabel l = SentimentLabel.ofWire(raw);
    if (l == null) {
      throw new IllegalArgumentException("record " + rec.getRecordNumber() + ": unknown label '" + raw + "'");
    }
    return l;
  }
}
