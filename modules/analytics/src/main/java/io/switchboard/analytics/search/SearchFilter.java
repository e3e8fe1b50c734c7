package io.switchboard.analytics.search;

import io.switchboard.contract.analytics.CallSearchQuery;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the MongoDB filter of a search from its validated query. Only operators the embedded
 * server implements are used ({@code $all}, {@code $in}, {@code $regex} anchored on a literal word,
 * {@code $gte/$lt}, {@code $or}, {@code $and}); {@code $text} only in {@link SearchMode#TEXT}.
 * Every value comes from the parsed query, never from raw client text.
 */
public final class SearchFilter {
  private SearchFilter() {}

  static final String STARTED_MS = "started_ms";
  static final String HANDLE_MS = "handle_time_ms";

  /** The filter without paging (what {@code total} counts). */
  public static JsonObject of(CallSearchQuery q, List<SearchTerms.Term> terms, SearchMode mode) {
    return of(q, terms, mode, null);
  }

  /** The filter of one page: {@code after} is the previous page's last hit, or null. */
  public static JsonObject of(CallSearchQuery q, List<SearchTerms.Term> terms, SearchMode mode, SearchCursor after) {
    JsonObject top = new JsonObject();
    List<JsonObject> and = new ArrayList<>();

    JsonArray exact = new JsonArray();
    StringBuilder textSearch = new StringBuilder();
    for (SearchTerms.Term t : terms) {
      if (t.prefix()) {
        // letters and digits only (SearchTerms), so the pattern is a literal anchored prefix:
        // no backtracking, and on MongoDB an index range scan over search_words
        and.add(new JsonObject().put(SearchWords.FIELD, new JsonObject().put("$regex", "^" + t.word())));
      } else {
        exact.add(t.word());
        textSearch.append(textSearch.length() == 0 ? "" : " ").append(t.word());
      }
    }
    if (!exact.isEmpty()) {
      and.add(new JsonObject().put(SearchWords.FIELD, new JsonObject().put("$all", exact)));
      if (mode == SearchMode.TEXT) {
        // unquoted words: the text index returns calls with any of them; $all above keeps only
        // the calls with every word, exactly as in words mode
        top.put("$text", new JsonObject().put("$search", textSearch.toString()));
      }
    }
    if (q.agent() != null) {
      top.put("agent", q.agent());
    }
    if (q.language() != null) {
      top.put("language", q.language());
    }
    if (!q.sentiment().isEmpty()) {
      top.put("sentiment", new JsonObject().put("$in", new JsonArray(q.sentiment().stream().sorted().toList())));
    }
    JsonObject score = range("$gte", q.minScore(), "$lte", q.maxScore());
    if (score != null) {
      top.put("sentiment_score", score);
    }
    if (!q.tags().isEmpty()) {
      top.put("tags", new JsonObject().put("$all", new JsonArray(q.tags())));
    }
    if (q.rule() != null) {
      and.add(new JsonObject().put("$or", new JsonArray()
          .add(new JsonObject().put("rule_firings.rule_id", q.rule()))
          .add(new JsonObject().put("rule_firings.name", q.rule()))));
    }
    JsonObject started = range("$gte", q.from() == null ? null : q.from().toEpochMilli(), "$lt", q.to() == null ? null : q.to().toEpochMilli());
    if (started != null) {
      top.put(STARTED_MS, started);
    }
    JsonObject handle = range("$gte", seconds(q.minDurationS()), "$lte", seconds(q.maxDurationS()));
    if (handle != null) {
      top.put(HANDLE_MS, handle);
    }
    if (after != null) {
      and.add(new JsonObject().put("$or", new JsonArray()
          .add(new JsonObject().put(STARTED_MS, new JsonObject().put("$lt", after.startedMs())))
          .add(new JsonObject().put(STARTED_MS, after.startedMs()).put("_id", new JsonObject().put("$lt", after.id())))));
    }
    if (!and.isEmpty()) {
      top.put("$and", new JsonArray(new ArrayList<>(and)));
    }
    return top;
  }

  /** Newest first; the id breaks ties so the order (and the cursor) is total. */
  public static JsonObject sort() {
    return new JsonObject().put(STARTED_MS, -1).put("_id", -1);
  }

  private static Long seconds(Long s) {
    return s == null ? null : s * 1000;
  }

  private static JsonObject range(String lowOp, Object low, String highOp, Object high) {
    if (low == null && high == null) {
      return null;
    }
    JsonObject r = new JsonObject();
    if (low != null) {
      r.put(lowOp, low);
    }
    if (high != null) {
      r.put(highOp, high);
    }
    return r;
  }
}
