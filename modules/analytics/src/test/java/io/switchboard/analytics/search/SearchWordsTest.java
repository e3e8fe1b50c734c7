package io.switchboard.analytics.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchWordsTest {
  @Test
  void wordsAreLowerCasedWithoutAccentsAndKeepTheirOffsetsInTheOriginalText() {
    String text = "Café REFUND, please: card [card]!";
    List<SearchWords.Token> tokens = SearchWords.tokens(text);
    assertEquals(List.of("cafe", "refund", "please", "card", "card"), tokens.stream().map(SearchWords.Token::word).toList());
    SearchWords.Token refund = tokens.get(1);
    assertEquals("REFUND", text.substring(refund.start(), refund.end()));
    assertEquals("Café", text.substring(tokens.get(0).start(), tokens.get(0).end()));
  }

  @Test
  void hanCharactersAreWordsOfTheirOwnAndLatinRunsStayWhole() {
    List<String> words = SearchWords.tokens("我要退款 refund2go").stream().map(SearchWords.Token::word).toList();
    assertEquals(List.of("我", "要", "退", "款", "refund2go"), words);
  }

  @Test
  void theArchiveArrayHoldsEachWordOnceInOrderOfFirstUseWithoutOverlongRuns() {
    JsonArray transcript = new JsonArray()
        .add(new JsonObject().put("text", "I want a refund"))
        .add(new JsonObject().put("text", "A REFUND? " + "x".repeat(SearchWords.MAX_WORD_CHARS + 1)))
        .add(new JsonObject().put("role", "agent"));
    assertEquals(new JsonArray().add("i").add("want").add("a").add("refund"), SearchWords.of(transcript));
  }

  @Test
  void theArrayIsBounded() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < SearchWords.MAX_WORDS + 50; i++) {
      b.append("w").append(i).append(' ');
    }
    assertEquals(SearchWords.MAX_WORDS, SearchWords.of(new JsonArray().add(new JsonObject().put("text", b.toString()))).size());
  }
}
