package io.switchboard.sentiment.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class LexiconTest {
  private final Tokenizer tokenizer = new Tokenizer();

  @Test
  void phrasesWinOverTheirWords() throws Exception {
    Lexicon lx = Lexicon.parse(new StringReader("valence\tthanks\t1.5\nvalence\tthanks for nothing\t-3\n"), tokenizer);
    var m = lx.valences().longestAt(tokenizer.tokenize("thanks for nothing"), 0);
    assertNotNull(m);
    assertEquals(3, m.length());
    assertEquals(-3.0, m.value());
  }

  @Test
  void badLinesNameTheirLine() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Lexicon.parse(new StringReader("# c\nvalence\tgood\tlots\n"), tokenizer));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Lexicon.parse(new StringReader("bogus\tgood\t1\n"), tokenizer));
  }

  @Test
  void defaultLexiconLoadsItsCategories() {
    Lexicon lx = Lexicon.loadDefault();
    assertTrue(lx.isNegator("never"));
    assertTrue(lx.modifier("extremely") > 1);
    assertTrue(lx.modifier("slightly") < 1);
    assertTrue(lx.isSarcasmCue("oh"));
    assertTrue(lx.valences().size() > 200);
  }
}
