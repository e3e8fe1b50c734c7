package io.switchboard.analytics.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.switchboard.contract.analytics.CallSearchQuery;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchFilterTest {
  private static CallSearchQuery query(JsonObject j) {
    return CallSearchQuery.fromJson(j);
  }

  private static JsonObject filter(JsonObject q, SearchMode mode) {
    CallSearchQuery parsed = query(q);
    return SearchFilter.of(parsed, SearchTerms.parse(parsed.q()), mode);
  }

  @Test
  void noParametersMatchEverything() {
    assertEquals(new JsonObject(), filter(new JsonObject(), SearchMode.WORDS));
  }

  @Test
  void wordsModeNeedsEveryWordInTheWordsArrayAndPrefixesAsAnchoredRegexes() {
    JsonObject f = filter(new JsonObject().put("q", "Refund card* bank"), SearchMode.WORDS);
    assertEquals(new JsonObject().put("$and", new JsonArray()
        .add(new JsonObject().put("search_words", new JsonObject().put("$regex", "^card")))
        .add(new JsonObject().put("search_words", new JsonObject().put("$all", new JsonArray().add("refund").add("bank"))))), f);
    assertFalse(f.containsKey("$text"));
  }

  @Test
  void textModeAddsTextIndexCandidatesAndKeepsTheExactWordCondition() {
    JsonObject f = filter(new JsonObject().put("q", "refund bank"), SearchMode.TEXT);
    assertEquals(new JsonObject().put("$search", "refund bank"), f.getJsonObject("$text"));
    assertEquals(new JsonArray().add(new JsonObject().put("search_words", new JsonObject().put("$all", new JsonArray().add("refund").add("bank")))),
        f.getJsonArray("$and"));
    // a prefix alone cannot use the text index
    assertFalse(filter(new JsonObject().put("q", "refu*"), SearchMode.TEXT).containsKey("$text"));
  }

  @Test
  void everyFilterBecomesItsCondition() {
    JsonObject q = new JsonObject()
        .put("agent", "agent-a").put("language", "ms").put("sentiment", new JsonArray().add("positive").add("negative"))
        .put("min_score", "-0.5").put("max_score", 0.25).put("tag", new JsonArray().add("vip").add("billing"))
        .put("rule", "refund-threat").put("from", "2026-01-01T00:00:00Z").put("to", "2026-01-02T00:00:00Z")
        .put("min_duration", "30").put("max_duration", 600);
    JsonObject f = filter(q, SearchMode.WORDS);
    assertEquals("agent-a", f.getString("agent"));
    assertEquals("ms", f.getString("language"));
    assertEquals(new JsonObject().put("$in", new JsonArray().add("negative").add("positive")), f.getJsonObject("sentiment"));
    assertEquals(new JsonObject().put("$gte", -0.5).put("$lte", 0.25), f.getJsonObject("sentiment_score"));
    assertEquals(new JsonObject().put("$all", new JsonArray().add("vip").add("billing")), f.getJsonObject("tags"));
    assertEquals(new JsonObject()
        .put("$gte", Instant.parse("2026-01-01T00:00:00Z").toEpochMilli())
        .put("$lt", Instant.parse("2026-01-02T00:00:00Z").toEpochMilli()), f.getJsonObject("started_ms"));
    assertEquals(new JsonObject().put("$gte", 30_000L).put("$lte", 600_000L), f.getJsonObject("handle_time_ms"));
    assertEquals(new JsonArray().add(new JsonObject().put("$or", new JsonArray()
        .add(new JsonObject().put("rule_firings.rule_id", "refund-threat"))
        .add(new JsonObject().put("rule_firings.name", "refund-threat")))), f.getJsonArray("$and"));
  }

  @Test
  void aCursorContinuesStrictlyAfterTheLastHitInNewestFirstOrder() {
    CallSearchQuery q = query(new JsonObject().put("agent", "a"));
    JsonObject f = SearchFilter.of(q, List.of(), SearchMode.WORDS, new SearchCursor(500L, "r|s|500"));
    assertEquals(new JsonArray().add(new JsonObject().put("$or", new JsonArray()
        .add(new JsonObject().put("started_ms", new JsonObject().put("$lt", 500L)))
        .add(new JsonObject().put("started_ms", 500L).put("_id", new JsonObject().put("$lt", "r|s|500"))))), f.getJsonArray("$and"));
    assertEquals(new JsonObject().put("started_ms", -1).put("_id", -1), SearchFilter.sort());
    assertEquals(Set.of("agent", "$and"), f.fieldNames());
  }
}
