package io.switchboard.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-written corpus (src/test/resources/redaction-corpus.jsonl): utterances with PII in
 * written and spoken forms ({@code pii: {card: 1}}, optional {@code prev} = the agent's line
 * before) and look-alikes that are not PII ({@code pii: {}}: order and tracking numbers, dates,
 * prices, times, quantities, years, non-Luhn 16-digit numbers, web addresses).
 */
class RedactionCorpusTest {
  private record Utterance(String text, String prev, JsonObject pii) {}

  private static List<Utterance> corpus() throws IOException {
    List<Utterance> out = new ArrayList<>();
    try (InputStream in = RedactionCorpusTest.class.getResourceAsStream("/redaction-corpus.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          JsonObject j = new JsonObject(line);
          out.add(new Utterance(j.getString("text"), j.getString("prev"), j.getJsonObject("pii")));
        }
      }
    }
    return out;
  }

  @Test
  void recallOnCardsAndEmailsAndFalsePositivesOnLookAlikes() throws IOException {
    Redactor redactor = new Redactor(RedactionConfig.defaults());
    List<Utterance> all = corpus();
    int piiLines = 0, cleanLines = 0, falsePositives = 0;
    int[] expected = new int[PiiType.values().length];
    int[] caught = new int[PiiType.values().length];
    List<String> misses = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    long t0 = System.nanoTime();
    for (Utterance u : all) {
      Redaction r = redactor.redact(u.text(), u.prev());
      if (u.pii().isEmpty()) {
        cleanLines++;
        if (r.total() > 0) {
          falsePositives++;
          wrong.add(u.text() + " -> " + r.text());
        }
        continue;
      }
      piiLines++;
      for (PiiType t : PiiType.values()) {
        int want = u.pii().getInteger(t.key(), 0);
        expected[t.ordinal()] += want;
        caught[t.ordinal()] += Math.min(want, r.count(t));
        if (r.count(t) < want) {
          misses.add(t.key() + ": " + u.text() + " -> " + r.text());
        }
      }
      if (u.pii().containsKey("card")) {
        // whatever was counted, no card-length digit run may survive in the output
        for (DigitRuns.Run run : DigitRuns.find(r.text())) {
          assertTrue(run.digits().length() < 13 || !Luhn.valid(run.digits()), "card digits left in: " + r.text());
        }
      }
    }
    long us = (System.nanoTime() - t0) / 1000 / all.size();
    double cardRecall = (double) caught[PiiType.CARD.ordinal()] / expected[PiiType.CARD.ordinal()];
    double emailRecall = (double) caught[PiiType.EMAIL.ordinal()] / expected[PiiType.EMAIL.ordinal()];
    double fpRate = (double) falsePositives / cleanLines;
    StringBuilder report = new StringBuilder();
    report.append(String.format("redaction corpus: %d PII utterances, %d look-alikes, %d us/utterance%n", piiLines, cleanLines, us));
    for (PiiType t : PiiType.values()) {
      if (expected[t.ordinal()] > 0) {
        report.append(String.format("  recall %-12s %3d/%3d = %.3f%n", t.key(), caught[t.ordinal()], expected[t.ordinal()],
            (double) caught[t.ordinal()] / expected[t.ordinal()]));
      }
    }
    report.append(String.format("  false positives on look-alikes: %d/%d = %.3f%n", falsePositives, cleanLines, fpRate));
    misses.forEach(m -> report.append("  MISS ").append(m).append('\n'));
    wrong.forEach(m -> report.append("  FALSE POSITIVE ").append(m).append('\n'));
    System.out.print(report);
    assertTrue(piiLines >= 200 && cleanLines >= 200, report.toString());
    assertTrue(cardRecall >= 0.98, report.toString());
    assertTrue(emailRecall >= 0.98, report.toString());
    assertTrue(fpRate <= 0.02, report.toString());
  }

  @Test
  void theCorpusHasSpokenAndWrittenFormsOfBoth() throws IOException {
    long spokenCards = corpus().stream().filter(u -> u.pii().containsKey("card") && u.text().contains(" one ")).count();
    long spokenEmails = corpus().stream().filter(u -> u.pii().containsKey("email") && u.text().contains(" dot ")).count();
    long writtenEmails = corpus().stream().filter(u -> u.pii().containsKey("email") && u.text().contains("@")).count();
    assertTrue(spokenCards >= 20 && spokenEmails >= 20 && writtenEmails >= 20, spokenCards + " " + spokenEmails + " " + writtenEmails);
    assertEquals(0, corpus().stream().filter(u -> u.text().isBlank()).count());
  }
}
