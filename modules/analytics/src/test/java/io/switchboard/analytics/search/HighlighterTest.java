package io.switchboard.analytics.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HighlighterTest {
  private static JsonArray transcript(String... texts) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < texts.length; i++) {
      out.add(new JsonObject().put("seq", i + 1).put("role", i % 2 == 0 ? "agent" : "user").put("ts", 1000L * i).put("text", texts[i]));
    }
    return out;
  }

  private static List<String> marked(JsonObject snippet) {
    List<String> out = new ArrayList<>();
    String text = snippet.getString("text");
    for (Object m : snippet.getJsonArray("marks")) {
      JsonArray r = (JsonArray) m;
      out.add(text.substring(r.getInteger(0), r.getInteger(1)));
    }
    return out;
  }

  @Test
  void marksAreTheMatchedWordsAsWrittenAndPartialWordsAreNotMarked() {
    JsonArray s = Highlighter.snippets(transcript("hello", "I need a REFUND for my card, not a refundable fee"),
        SearchTerms.parse("refund card"));
    assertEquals(1, s.size());
    assertEquals(2, s.getJsonObject(0).getInteger("seq"));
    assertEquals("user", s.getJsonObject(0).getString("role"));
    assertEquals(List.of("REFUND", "card"), marked(s.getJsonObject(0)));
  }

  @Test
  void aPrefixMarksEveryWordItStarts() {
    JsonObject s = Highlighter.snippets(transcript("refunds and refunded, not a prefund"), SearchTerms.parse("refund*")).getJsonObject(0);
    assertEquals(List.of("refunds", "refunded"), marked(s));
  }

  @Test
  void htmlInWhatWasSaidStaysPlainTextAndMarksStillPointAtTheWord() {
    JsonObject s = Highlighter.snippets(transcript("<img src=x onerror=alert(1)> refund"), SearchTerms.parse("refund")).getJsonObject(0);
    assertEquals("<img src=x onerror=alert(1)> refund", s.getString("text"));
    assertEquals(List.of("refund"), marked(s));
  }

  @Test
  void longLinesAreCutAroundTheFirstMatchWithMarksShifted() {
    String before = "word ".repeat(60);
    String after = " more".repeat(60);
    JsonObject s = Highlighter.snippets(transcript(before + "chargeback" + after), SearchTerms.parse("chargeback")).getJsonObject(0);
    String text = s.getString("text");
    assertTrue(text.startsWith("…") && text.endsWith("…"), text);
    assertTrue(text.length() <= Highlighter.WINDOW + 2 + 30, "bounded: " + text.length());
    assertEquals(List.of("chargeback"), marked(s));
  }

  @Test
  void atMostThreeSnippetsPreferringLinesWithMoreWordsReturnedInTranscriptOrder() {
    JsonArray s = Highlighter.snippets(
        transcript("refund", "refund", "refund card", "nothing", "refund", "card and refund"), SearchTerms.parse("refund card"));
    assertEquals(3, s.size());
    List<Integer> seqs = new ArrayList<>();
    s.forEach(o -> seqs.add(((JsonObject) o).getInteger("seq")));
    assertEquals(List.of(1, 3, 6), seqs);
  }

  @Test
  void noTermsNoSnippets() {
    assertEquals(0, Highlighter.snippets(transcript("refund"), List.of()).size());
  }
}
