package io.switchboard.sentiment.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What scripts/eval-sentiment and scripts/eval-escalation print first (other tools parse it). */
class EvalCommandLineTest {
  interface Main {
    void run() throws Exception;
  }

  private static String firstLine(Main main) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(saved);
    }
    return buf.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
  }

  @Test
  void sentimentHeadlineComesFirstAndReadsQuotedLineBreaks(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("set.csv");
    Files.writeString(f, "text,label\n\"thanks, that's\nsorted\",positive\n\"he said \"\"no\"\", again\",negative\nok,neutral\n", StandardCharsets.UTF_8);
    String line = firstLine(() -> EvaluateSentiment.main(new String[] {f.toString()}));
    assertTrue(line.matches("utterances 3   accuracy \\d\\.\\d{3}   macro-F1 \\d\\.\\d{3}"), line);
  }

  @Test
  void escalationHeadlinesComeFirst(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("esc.csv");
    Files.writeString(csv, "text,escalate,label\n\"get me a manager, now\",1,negative\nwhat's my balance,0,neutral\n", StandardCharsets.UTF_8);
    String line = firstLine(() -> EvaluateEscalation.main(new String[] {csv.toString()}));
    assertTrue(line.equals("escalation precision 1.000 recall 1.000 F1 1.000"), line);
    Path jsonl = dir.resolve("calls.jsonl");
    Files.writeString(jsonl, "{\"id\":\"a\",\"turns\":[{\"role\":\"customer\",\"text\":\"hi\"},{\"role\":\"agent\",\"text\":\"hello\"},"
        + "{\"role\":\"customer\",\"text\":\"put me through to a supervisor\"}],\"alert_at\":2}\n", StandardCharsets.UTF_8);
    String calls = firstLine(() -> EvaluateEscalation.main(new String[] {jsonl.toString()}));
    assertTrue(calls.startsWith("conversations 1   right turn 1/1   early 0   late 0   missed 0   false alarms 0/0"), calls);
  }
}
