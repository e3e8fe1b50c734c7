package io.switchboard.sentiment.eval;

import io.switchboard.sentiment.model.SentimentLabel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an evaluation CSV with header {@code text,label}: one record per line, fields optionally
 * double-quoted (RFC 4180 quoting, {@code ""} for a quote inside a quoted field).
 */
public final class DevSetReader {
  private DevSetReader() {}

  public static List<LabeledUtterance> read(Reader source) throws IOException {
    BufferedReader in = new BufferedReader(source);
    String header = in.readLine();
    if (header == null || !parseLine(header.strip(), 0).equals(List.of("text", "label"))) {
      throw new IllegalArgumentException("expected header 'text,label'");
    }
    List<LabeledUtterance> rows = new ArrayList<>();
    String line;
    int lineNo = 1;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      List<String> fields = parseLine(line, lineNo);
      if (fields.size() != 2) {
        throw new IllegalArgumentException("line " + lineNo + ": expected 2 fields, got " + fields.size());
      }
      SentimentLabel label = SentimentLabel.ofWire(fields.get(1));
      if (label == null) {
        throw new IllegalArgumentException("line " + lineNo + ": unknown label '" + fields.get(1) + "'");
      }
      rows.add(new LabeledUtterance(fields.get(0), label));
    }
    return rows;
  }

  static List<String> parseLine(String line, int lineNo) {
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("line " + lineNo + ": unterminated quote");
    }
    fields.add(cur.toString());
    return fields;
  }
}
