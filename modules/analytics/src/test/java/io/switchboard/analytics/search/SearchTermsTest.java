package io.switchboard.analytics.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTermsTest {
  @Test
  void wordsAreNormalisedDeduplicatedAndAStarMakesAPrefix() {
    assertEquals(List.of(new SearchTerms.Term("refund", true), new SearchTerms.Term("card", false)),
        SearchTerms.parse("Refund* CARD card"));
    assertEquals(List.of(), SearchTerms.parse(null));
    assertEquals(List.of(), SearchTerms.parse("  ?! "));
  }

  @Test
  void operatorsAndRegexCharactersAreOnlySeparators() {
    // nothing of the query reaches the filter but letters and digits
    assertEquals(List.of(new SearchTerms.Term("where", false), new SearchTerms.Term("a", false), new SearchTerms.Term("bank", true)),
        SearchTerms.parse("{$where: \"a.*\"} (bank*)"));
  }

  @Test
  void tooManyWordsAndTooShortPrefixesAreRefusedNamingQ() {
    IllegalArgumentException many = assertThrows(IllegalArgumentException.class, () -> SearchTerms.parse("a b c d e f g h i"));
    assertTrue(many.getMessage().startsWith("q: at most 8 words"), many.getMessage());
    IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class, () -> SearchTerms.parse("r*"));
    assertTrue(prefix.getMessage().startsWith("q: a prefix"), prefix.getMessage());
  }

  @Test
  void termsMatchWholeWordsOrPrefixes() {
    assertTrue(new SearchTerms.Term("refund", true).matches("refunded"));
    assertTrue(!new SearchTerms.Term("refund", false).matches("refunded"));
    assertTrue(new SearchTerms.Term("refund", false).matches("refund"));
  }
}
