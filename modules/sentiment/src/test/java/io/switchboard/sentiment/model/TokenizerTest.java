package io.switchboard.sentiment.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
  private final Tokenizer tokenizer = new Tokenizer();

  @Test
  void keepsContractionsAndClausePunctuation() {
    List<String> texts = tokenizer.tokenize("It isn\u2019t bad, REALLY!").stream().map(Token::text).toList();
    assertEquals(List.of("it", "isn't", "bad", ",", "really", "!"), texts);
  }

  @Test
  void marksShoutedWordsButNotShortAcronyms() {
    List<Token> tokens = tokenizer.tokenize("I said NEVER on TV");
    assertFalse(tokens.get(0).shouted());
    assertTrue(tokens.get(2).shouted());
    assertFalse(tokens.get(4).shouted());
  }
}
