package io.switchboard.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Many card numbers, each rendered the ways people and ASR write them, inside a sentence: every
 * Luhn-valid one is redacted, none of the one-digit-off (Luhn-failing) twins is (seeded, so a
 * failure reproduces).
 */
class CardRenderingsTest {
  private static final String[] WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
  private final Redactor redactor = new Redactor(RedactionConfig.defaults());

  @Test
  void everyRenderingOfAValidCardIsRedactedAndNoInvalidTwinIs() {
    Random rnd = new Random(18);
    int cards = 0, redacted = 0, twinsLeft = 0;
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String card = validCard(rnd, 13 + rnd.nextInt(7));
      String twin = card.substring(0, card.length() - 1) + (char) ('0' + (card.charAt(card.length() - 1) - '0' + 1 + rnd.nextInt(9)) % 10);
      int style = rnd.nextInt(5);
      String said = "ok so it's " + render(card, style, rnd) + " thanks";
      Redaction r = redactor.redact(said);
      cards++;
      if (r.text().equals("ok so it's [card] thanks")) {
        redacted++;
      } else {
        failures.add(style + ": " + said + " -> " + r.text());
      }
      Redaction t = redactor.redact("ok so it's " + render(twin, style, rnd) + " thanks");
      if (t.count(PiiType.CARD) == 0) {
        twinsLeft++;
      } else {
        failures.add("twin " + style + ": " + twin + " -> " + t.text());
      }
    }
    System.out.printf("card renderings: %d valid redacted of %d, %d invalid twins left alone%n", redacted, cards, twinsLeft);
    assertEquals(List.of(), failures);
    assertTrue(twinsLeft == cards);
  }

  private static String validCard(Random rnd, int length) {
    StringBuilder sb = new StringBuilder().append((char) ('2' + rnd.nextInt(5)));
    while (sb.length() < length - 1) {
      sb.append((char) ('0' + rnd.nextInt(10)));
    }
    for (char check = '0'; check <= '9'; check++) {
      if (Luhn.valid(sb.toString() + check)) {
        return sb.append(check).toString();
      }
    }
    throw new AssertionError("no check digit");
  }

  /** 0 plain, 1 groups of four with spaces, 2 with dashes, 3 spoken words ("oh" sometimes), 4 mixed words and digit groups. */
  private static String render(String digits, int style, Random rnd) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      boolean groupStart = i > 0 && i % 4 == 0;
      switch (style) {
        case 0 -> sb.append(c);
        case 1 -> sb.append(groupStart ? " " : "").append(c);
        case 2 -> sb.append(groupStart ? "-" : "").append(c);
        case 3 -> sb.append(i > 0 ? " " : "").append(c == '0' && rnd.nextBoolean() ? "oh" : WORDS[c - '0']);
        default -> {
          boolean asWord = (i / 4) % 2 == 1;
          if (asWord) {
            sb.append(' ').append(WORDS[c - '0']);
          } else {
            sb.append(i % 4 == 0 && i > 0 ? " " : "").append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
