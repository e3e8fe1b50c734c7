package io.switchboard.platform.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BoundedTextTest {
  /** Polynomial backtracking the JDK does not optimise away: ~60^9 steps on a near miss. */
  private static final Pattern CATASTROPHIC = Pattern.compile("^" + ".*?,".repeat(9) + "P");
  private static final String EVIL = "1,".repeat(60);

  @Test
  void anOrdinaryMatchIsUnaffectedAndSubSequencesShareTheReadBudget() {
    assertTrue(Pattern.compile("b+c").matcher(BoundedText.reads("aaabbbc", 100)).find());
    BoundedText text = BoundedText.reads("abcdef", 4);
    CharSequence sub = text.subSequence(1, 5);
    sub.charAt(0);
    sub.charAt(1);
    text.charAt(0);
    text.charAt(1);
    assertThrows(BoundedText.Exhausted.class, () -> sub.charAt(2), "the fifth read of one budget");
    assertEquals("bcde", sub.toString());
  }

  @Test
  void aCatastrophicMatchIsStoppedByTheReadBudget() {
    assertThrows(BoundedText.Exhausted.class, () -> CATASTROPHIC.matcher(BoundedText.reads(EVIL, 200_000)).find());
  }

  @Test
  void aCatastrophicMatchIsStoppedByTheDeadline() {
    long start = System.nanoTime();
    assertThrows(BoundedText.Exhausted.class, () -> CATASTROPHIC.matcher(BoundedText.until(EVIL, start + 50_000_000L)).find());
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "stopped near its 50 ms deadline, not after the match's hours");
  }
}
