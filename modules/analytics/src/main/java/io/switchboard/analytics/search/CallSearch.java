package io.switchboard.analytics.search;

import io.switchboard.analytics.archive.ArchiveDocument;
import io.switchboard.analytics.audit.AuditStore;
import io.switchboard.analytics.mongo.MongoAccess;
import io.switchboard.contract.SchemaVersion;
import io.switchboard.contract.analytics.CallSearchQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexModel;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search over the archive ({@code archive.search}) and one archived call for review
 * ({@code archive.call}). Reads the {@code calls} documents written by
 * {@link io.switchboard.analytics.archive.CallArchive}; every text in them is already redacted.
 */
public final class CallSearch {
  private static final Logger LOG = LoggerFactory.getLogger(CallSearch.class);
  static final String TEXT_INDEX = "transcript_text";
  /** Audit entries of one call served with it: a bound, not a page. */
  static final int MAX_AUDIT = 500;
  /** Audit records of a call are those of its room and session from its start until shortly after it ended. */
  static final long AUDIT_GRACE_MS = 60_000;

  private static final List<String> SUMMARY = List.of(
      "_id", "call_id", "room", "session_id", "agent", "customer", "language", "started_at", "ended_at", SearchFilter.STARTED_MS,
      SearchFilter.HANDLE_MS, "sentiment", "sentiment_score", "end_reason", "tags", "rule_firings", "escalated", "took_over",
      "line_count", "demo");

  private final MongoClient mongo;
  private final MongoAccess access;
  private final SearchConfig config;
  private volatile SearchMode mode = SearchMode.WORDS;

  public CallSearch(MongoClient mongo, MongoAccess access, SearchConfig config) {
    this.mongo = mongo;
    this.access = access;
    this.config = config;
  }

  public SearchMode mode() {
    return mode;
  }

  /**
   * The words index and the sort index, then the text mode's probe. The probe is a real text
   * search on a one-document collection of its own: the embedded server accepts a text index and
   * even a {@code $text} query over an empty collection, and only fails ("unknown operator") once
   * a document is matched, so asking the archive itself would say yes on a first start.
   */
  public Future<SearchMode> ensureIndexes() {
    Future<Void> base = access.bounded(mongo.createIndexes(ArchiveDocument.COLLECTION, List.of(
        new IndexModel(new JsonObject().put(SearchWords.FIELD, 1), new IndexOptions().name("search_words")),
        new IndexModel(new JsonObject().put(SearchFilter.STARTED_MS, -1).put("_id", -1), new IndexOptions().name("started_ms_id")))));
    return base.compose(v -> switch (config.mode()) {
      case "words" -> Future.succeededFuture(SearchMode.WORDS);
      case "text" -> createTextIndex().map(SearchMode.TEXT);
      default -> probeText().compose(found -> found ? createTextIndex().map(SearchMode.TEXT) : Future.succeededFuture(SearchMode.WORDS))
          .recover(err -> {
            LOG.atInfo().addKeyValue("reason", MongoAccess.describe(err)).log("no text search on this MongoDB server: search by the words array");
            return Future.succeededFuture(SearchMode.WORDS);
          });
    }).onSuccess(m -> {
      mode = m;
      LOG.atInfo().addKeyValue("mode", m.id()).log("archive search ready");
    });
  }

  /**
   * The text index of the archive. {@code language_override} names a field no document has: the
   * archive's own {@code language} ("ms", "zh", …) would otherwise be read as the index language,
   * and MongoDB refuses to index a document in a language it does not know. Language "none": no
   * stemming and no stop words, the same whole words as the words array.
   */
  private Future<Void> createTextIndex() {
    return access.bounded(mongo.createIndexWithOptions(ArchiveDocument.COLLECTION,
        new JsonObject().put(ArchiveDocument.TRANSCRIPT + ".text", "text"),
        new IndexOptions().name(TEXT_INDEX).defaultLanguage("none").languageOverride(LANGUAGE_OVERRIDE)));
  }

  static final String PROBE_COLLECTION = "search_probe";
  private static final String LANGUAGE_OVERRIDE = "search_language_unused";

  /** True when a {@code $text} query finds the probe document. */
  private Future<Boolean> probeText() {
    JsonObject doc = new JsonObject().put("_id", "probe").put("t", "switchboard text probe");
    return access.bounded(mongo.createIndexWithOptions(PROBE_COLLECTION, new JsonObject().put("t", "text"),
            new IndexOptions().name("t_text").defaultLanguage("none").languageOverride(LANGUAGE_OVERRIDE)))
        .compose(v -> access.bounded(mongo.save(PROBE_COLLECTION, doc)))
        .compose(v -> access.bounded(mongo.find(PROBE_COLLECTION, new JsonObject().put("$text", new JsonObject().put("$search", "probe")))))
        .map(found -> found.size() == 1);
  }

  /**
   * One page of hits; IllegalArgumentException (naming the parameter) for a query that cannot run.
   *
   * <p>On a real MongoDB ({@link SearchMode#TEXT}) the server sorts by its {@code started_ms_id}
   * index, stops at the page and counts apart. The embedded server has no secondary indexes: it
   * scans either way, and its generic document sort was the largest cost (measured 159 ms of a
   * 1,000-call page on the loaded 2-core machine, against 10 ms for a scan). So there the search
   * asks only for the matching calls' sort keys, orders them here (which also gives the total),
   * and then fetches the page's documents by id.
   */
  public Future<JsonObject> search(CallSearchQuery q) {
    List<SearchTerms.Term> terms = SearchTerms.parse(q.q());
    SearchCursor after = q.cursor() == null ? null : SearchCursor.decode(q.cursor());
    SearchMode m = mode;
    JsonObject fields = new JsonObject();
    SUMMARY.forEach(f -> fields.put(f, 1));
    if (!terms.isEmpty()) {
      fields.put(ArchiveDocument.TRANSCRIPT, 1);
    }
    JsonObject filter = SearchFilter.of(q, terms, m, after);
    Future<Page> page = m == SearchMode.TEXT ? serverSorted(q, terms, filter, fields, after) : sortedHere(q, filter, fields, after);
    return page.map(p -> {
      List<JsonObject> docs = p.docs();
      boolean more = docs.size() > q.limit();
      List<JsonObject> hits = more ? docs.subList(0, q.limit()) : docs;
      JsonArray items = new JsonArray();
      hits.forEach(d -> items.add(hit(d, terms)));
      JsonObject last = hits.isEmpty() ? null : hits.get(hits.size() - 1);
      return new JsonObject()
          .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
          .put("items", items)
          .put("next_cursor", more ? new SearchCursor(last.getLong(SearchFilter.STARTED_MS), last.getString("_id")).encode() : null)
          .put("total", p.total())
          .put("mode", m.id())
          .put("terms", new JsonArray(terms.stream().map(t -> t.prefix() ? t.word() + "*" : t.word()).toList()));
    });
  }

  /** Up to limit + 1 documents in page order, and the total on a first page. */
  private record Page(List<JsonObject> docs, Long total) {}

  private Future<Page> serverSorted(CallSearchQuery q, List<SearchTerms.Term> terms, JsonObject filter, JsonObject fields, SearchCursor after) {
    FindOptions opts = new FindOptions().setSort(SearchFilter.sort()).setLimit(q.limit() + 1).setFields(fields);
    Future<List<JsonObject>> found = access.bounded(mongo.findWithOptions(ArchiveDocument.COLLECTION, filter, opts));
    Future<Long> total = after == null
        ? access.bounded(mongo.count(ArchiveDocument.COLLECTION, SearchFilter.of(q, terms, mode)))
        : Future.succeededFuture(null);
    return Future.all(found, total).map(x -> new Page(found.result(), total.result()));
  }

  private static final Comparator<JsonObject> NEWEST_FIRST = Comparator
      .comparingLong((JsonObject d) -> d.getLong(SearchFilter.STARTED_MS, 0L))
      .thenComparing(d -> d.getString("_id", ""))
      .reversed();

  private Future<Page> sortedHere(CallSearchQuery q, JsonObject filter, JsonObject fields, SearchCursor after) {
    FindOptions keys = new FindOptions().setFields(new JsonObject().put("_id", 1).put(SearchFilter.STARTED_MS, 1)).setBatchSize(10_000);
    return access.bounded(mongo.findWithOptions(ArchiveDocument.COLLECTION, filter, keys)).compose(all -> {
      List<JsonObject> sorted = new ArrayList<>(all);
      sorted.sort(NEWEST_FIRST);
      List<String> ids = sorted.subList(0, Math.min(sorted.size(), q.limit() + 1)).stream().map(d -> d.getString("_id")).toList();
      Long total = after == null ? (long) sorted.size() : null;
      if (ids.isEmpty()) {
        return Future.succeededFuture(new Page(List.of(), total));
      }
      JsonObject byIds = new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(new ArrayList<>(ids))));
      return access.bounded(mongo.findWithOptions(ArchiveDocument.COLLECTION, byIds, new FindOptions().setFields(fields))).map(docs -> {
        Map<String, JsonObject> byId = new HashMap<>();
        docs.forEach(d -> byId.put(d.getString("_id"), d));
        // a call archived again between the two reads is still there; one removed meanwhile is skipped
        return new Page(ids.stream().map(byId::get).filter(Objects::nonNull).toList(), total);
      });
    });
  }

  static JsonObject hit(JsonObject d, List<SearchTerms.Term> terms) {
    JsonArray firings = d.getValue("rule_firings") instanceof JsonArray a ? a : new JsonArray();
    Set<String> rules = new LinkedHashSet<>();
    for (Object o : firings) {
      if (o instanceof JsonObject f) {
        Object name = f.getValue("name") != null ? f.getValue("name") : f.getValue("rule_id");
        if (name != null) {
          rules.add(String.valueOf(name));
        }
      }
    }
    return new JsonObject()
        .put("call_id", d.getString("_id"))
        .put("room", d.getValue("room"))
        .put("session_id", d.getValue("session_id"))
        .put("agent", d.getValue("agent"))
        .put("customer", d.getValue("customer"))
        .put("language", d.getValue("language"))
        .put("started_at", iso(d.getValue("started_at")))
        .put("ended_at", iso(d.getValue("ended_at")))
        .put("duration_ms", d.getValue(SearchFilter.HANDLE_MS))
        .put("sentiment", d.getValue("sentiment"))
        .put("sentiment_score", d.getValue("sentiment_score"))
        .put("end_reason", d.getValue("end_reason"))
        .put("tags", d.getValue("tags") instanceof JsonArray t ? t : new JsonArray())
        .put("rules", new JsonArray(new ArrayList<>(rules)))
        .put("escalated", Boolean.TRUE.equals(d.getValue("escalated")))
        .put("took_over", Boolean.TRUE.equals(d.getValue("took_over")))
        .put("line_count", d.getValue("line_count"))
        .put("demo", Boolean.TRUE.equals(d.getValue("demo")))
        .put("snippets", Highlighter.snippets(d.getJsonArray(ArchiveDocument.TRANSCRIPT), terms));
  }

  /**
   * The archived call {@code callId} for review with its audit trail, or null when there is none.
   * Dates are ISO text; the words array stays internal.
   */
  public Future<JsonObject> call(String callId) {
    JsonObject fields = new JsonObject().put(SearchWords.FIELD, 0);
    return access.bounded(mongo.findOne(ArchiveDocument.COLLECTION, new JsonObject().put("_id", callId), fields)).compose(doc -> {
      if (doc == null) {
        return Future.succeededFuture(null);
      }
      JsonObject call = (JsonObject) plain(doc);
      call.remove("_id");
      return audit(doc).map(audit -> new JsonObject()
          .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
          .put("call", call)
          .put("audit", audit));
    });
  }

  private Future<JsonArray> audit(JsonObject doc) {
    long started = doc.getLong(SearchFilter.STARTED_MS, 0L);
    long ended = started + doc.getLong(SearchFilter.HANDLE_MS, 0L);
    JsonObject q = new JsonObject()
        .put("room", doc.getValue("room"))
        .put("session_id", doc.getValue("session_id"))
        .put("at", new JsonObject()
            .put("$gte", new JsonObject().put("$date", Instant.ofEpochMilli(started).toString()))
            .put("$lte", new JsonObject().put("$date", Instant.ofEpochMilli(ended + AUDIT_GRACE_MS).toString())));
    FindOptions opts = new FindOptions().setSort(new JsonObject().put("at", 1)).setLimit(MAX_AUDIT).setFields(new JsonObject().put("_id", 0));
    return access.bounded(mongo.findWithOptions(AuditStore.COLLECTION, q, opts))
        .map(rows -> new JsonArray(rows.stream().map(r -> plain(r)).toList()));
  }

  /** {@code {"$date": x}} → {@code x}, everywhere in a document. */
  static Object plain(Object v) {
    if (v instanceof JsonObject o) {
      if (o.size() == 1 && o.containsKey("$date")) {
        return iso(o);
      }
      JsonObject out = new JsonObject();
      for (Map.Entry<String, Object> e : o) {
        out.put(e.getKey(), plain(e.getValue()));
      }
      return out;
    }
    if (v instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(x -> out.add(plain(x)));
      return out;
    }
    return v;
  }

  private static Object iso(Object date) {
    return date instanceof JsonObject o && o.containsKey("$date") ? o.getValue("$date") : date;
  }
}
