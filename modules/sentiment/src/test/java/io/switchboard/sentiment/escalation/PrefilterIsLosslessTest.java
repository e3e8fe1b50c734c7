package io.switchboard.sentiment.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sentiment.eval.Conversation;
import io.switchboard.sentiment.eval.LabeledCsv;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The {@code need:} prefilters only save time: with or without them every cue answers the same. */
class PrefilterIsLosslessTest {
  @Test
  void everyUtteranceOfEverySetMatchesTheSameWithoutPrefilters() throws Exception {
    List<String> texts = new ArrayList<>();
    for (String dir : List.of("/eval", "/train")) {
      try (Stream<Path> files = Files.list(Path.of(getClass().getResource(dir).toURI()))) {
        for (Path p : files.sorted().toList()) {
          String name = p.getFileName().toString();
          if (name.endsWith(".jsonl")) {
            Conversation.readJsonl(p).forEach(c -> c.turns().forEach(t -> texts.add(t.text())));
          } else if (name.endsWith(".csv")) {
            boolean escalation = Files.readAllLines(p).get(0).contains("escalate");
            if (escalation) {
              LabeledCsv.readEscalation(p).forEach(e -> texts.add(e.text()));
            } else {
              LabeledCsv.readSentiment(p).forEach(e -> texts.add(e.text()));
            }
          }
        }
      }
    }
    assertTrue(texts.size() > 1500, "utterances " + texts.size());
    EscalationPatterns fast = EscalationPatterns.loadDefault();
    EscalationPatterns plain = fast.withoutPrefilters();
    List<String> differ = new ArrayList<>();
    int matched = 0;
    for (String t : texts) {
      String n = EscalationPatterns.normalise(t);
      for (String key : fast.keys()) {
        if (key.startsWith("mask:")) {
          continue;
        }
        boolean a = fast.matches(key, n);
        boolean b = plain.matches(key, n);
        matched += b ? 1 : 0;
        if (a != b) {
          differ.add(key + ": " + t);
        }
      }
    }
    assertTrue(matched > 300, "cues matched " + matched);
    assertEquals(List.of(), differ);
  }

  /**
   * Every literal phrase written in a cue (the words between its {@code ( | )}) on its own: a
   * {@code need:} line that leaves one of them out makes the cue miss it (it missed "class action"
   * until a generated utterance found it; the corpora above never said it).
   */
  @Test
  void everyLiteralPhraseOfTheCuesMatchesTheSameWithoutPrefilters() throws Exception {
    EscalationPatterns fast = EscalationPatterns.loadDefault();
    EscalationPatterns plain = fast.withoutPrefilters();
    List<String> differ = new ArrayList<>();
    int phrases = 0;
    try (InputStream in = EscalationPatterns.class.getResourceAsStream(EscalationPatterns.DEFAULT_RESOURCE)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int tab = line.indexOf('\t');
        if (line.startsWith("#") || tab <= 0 || line.startsWith("need:") || line.startsWith("mask:")) {
          continue;
        }
        String key = line.substring(0, tab).strip();
        for (String phrase : line.substring(tab + 1).split("[|()]")) {
          if (phrase.matches("[a-z' ]{3,}") && !phrase.isBlank()) {
            phrases++;
            String text = EscalationPatterns.normalise(phrase);
            if (fast.matches(key, text) != plain.matches(key, text)) {
              differ.add(key + ": " + text);
            }
          }
        }
      }
    }
    assertTrue(phrases > 300, "phrases " + phrases);
    assertEquals(List.of(), differ);
  }
}
