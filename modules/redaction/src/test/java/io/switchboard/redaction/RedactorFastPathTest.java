package io.switchboard.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The redactor skips its patterns for a line with no digit, no {@code @}, no "at" and no number
 * word ({@link Redactor#holdsNothing}), and the written-number patterns for a line with fewer
 * digits than they need: for every line, with every agent line before it, the answer must be the
 * one all patterns give ({@link Redactor#redactFully}).
 */
class RedactorFastPathTest {
  private static final Redactor REDACTOR = new Redactor(RedactionConfig.defaults());
  /** Words of calls, of PII as it is spoken and written, and near misses of both. */
  private static final List<String> WORDS = List.of(
      "my", "card", "number", "is", "the", "and", "please", "thanks", "order", "where", "email", "address", "security", "code",
      "expires", "expiry", "march", "june", "gmail", "com", "dot", "period", "underscore", "john", "smith", "call", "me", "on",
      "phone", "back", "of", "your", "ok", "o'clock", "oh", "o", "double", "triple", "twenty", "thirty", "four", "one", "nine",
      "zero", "nought", "at", "At", "AT", "@", "-", ".", ",", "/", "+", "plus", "4111", "1", "12/26", "07", "AB123456C",
      "S1234567D", "GB82WEST12345698765432", "123-45-6789", "AB 12 34 56 C", "900101-14-5678", "12", "4471", "٣", "٣", "account", "iban", "ssn", "social", "national", "insurance",
      "uh", "dash", "john.smith@gmail.com", "look", "shop", "visa", "cvv", "ten", "eleven", "atlas", "that", "oho", "hat");

  @Property(tries = 4000)
  void theFastPathAnswersWhatEveryPatternAnswers(@ForAll("utterances") String text, @ForAll("agentLines") String previous) {
    Redaction full = REDACTOR.redactFully(text, previous);
    assertEquals(full, REDACTOR.redact(text, previous), text + " after " + previous);
    if (Redactor.holdsNothing(text)) {
      assertEquals(text, full.text(), "a line the fast path passes has nothing to redact");
    }
  }

  @Example
  void everyLineOfTheCorpusGetsTheSameRedactionAndTheCleanOnesMostlySkipThePatterns() throws IOException {
    int lines = 0;
    int skipped = 0;
    try (InputStream in = RedactorFastPathTest.class.getResourceAsStream("/redaction-corpus.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonObject u = new JsonObject(line);
        String text = u.getString("text");
        assertEquals(REDACTOR.redactFully(text, u.getString("prev")), REDACTOR.redact(text, u.getString("prev")), text);
        lines++;
        if (Redactor.holdsNothing(text)) {
          skipped++;
          assertTrue(u.getJsonObject("pii").isEmpty(), "a line with PII must not skip the patterns: " + text);
        }
      }
    }
    assertTrue(lines > 100 && skipped > 0, lines + " lines, " + skipped + " skipped");
  }

  @Example
  void whatEachPatternNeedsKeepsALineOnTheFullPath() {
    for (String text : List.of("my card is 4111", "john at gmail dot com", "a@b.co", "four one one one", "twenty six",
        "double five", "expires march twenty", "٣٣٣", "GB82WEST12345698765432", "oh")) {
      assertFalse(Redactor.holdsNothing(text), text);
    }
    for (String text : List.of("where is my order", "I want to speak to a manager", "o'clock", "that hat is nice")) {
      assertTrue(Redactor.holdsNothing(text), text);
    }
  }

  @Example
  void theFewestDigitsAWrittenIdOrAccountHoldsAreStillRedacted() {
    for (String text : List.of("my NI number is AB123456C", "it's AB 12 34 56 C", "FIN S1234567D please", "ssn 123-45-6789",
        "IC 900101-14-5678", "account 12 - 34", "account 1 -- 2", "GB82WEST12345698765432")) {
      Redaction r = REDACTOR.redact(text, "");
      assertEquals(REDACTOR.redactFully(text, ""), r, text);
      assertTrue(!r.counts().isEmpty(), "redacted: " + text + " -> " + r.text());
    }
  }

  @Provide
  Arbitrary<String> utterances() {
    Arbitrary<String> word = Combinators.combine(Arbitraries.of(WORDS), Arbitraries.integers().between(0, 3))
        .as((w, c) -> c == 0 ? w.toUpperCase(Locale.ROOT) : c == 1 ? w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1) : w);
    Arbitrary<String> sep = Arbitraries.of(" ", " ", " ", "  ", "", ", ", "-");
    Arbitrary<String> built = Combinators.combine(word, sep).as((w, s) -> w + s).list().ofMinSize(1).ofMaxSize(24).map(l -> String.join("", l).strip());
    return Arbitraries.oneOf(built, built, built, Arbitraries.strings().ofMinLength(1).ofMaxLength(80));
  }

  @Provide
  Arbitrary<String> agentLines() {
    return Arbitraries.of(
        "", "what is the card number?", "and the security code on the back?", "when does the card expire?", "what is your email address?",
        "what is the best number to call you back on?", "can I have your account number?", "what is your social security number?",
        "how can I help you today?");
  }
}
