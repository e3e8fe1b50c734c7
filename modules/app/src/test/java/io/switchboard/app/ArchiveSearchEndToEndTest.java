package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.testkit.ArchiveCorpus;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Archive search over real HTTP on the whole node (gateway + analytics on the embedded
 * MongoDB-protocol server): 1,200 calls archived through the real {@code call.ended} path (redaction,
 * archive document, words array), rule tags and firings added in the archive's shape, then every
 * filter checked against the generator's own knowledge of the calls, each result set walked page
 * by page (no duplicate, no gap, newest first), and every highlight checked against the word.
 */
class ArchiveSearchEndToEndTest {
  static final int CALLS = 1_200;
  static final long T0 = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();
  static final long SPAN = 30L * 24 * 3_600_000;
  static Vertx vertx;
  static TestRedis redis;
  static TestNode node;
  static WebClient web;
  static String viewerToken;
  static List<ArchiveCorpus.Call> calls;

  @BeforeAll
  static void seed() throws Exception {
    vertx = Vertx.vertx();
    redis = TestRedis.start();
    node = TestNode.start(redis.url(), "gateway,analytics", new JsonObject());
    web = WebClient.create(vertx);
    viewerToken = node.login(vertx, "viewer");
    calls = ArchiveCorpus.generate(CALLS, T0, SPAN, 42);
    long t0 = System.nanoTime();
    // through the real archive path, 25 at a time (what ingest's hand-off does under load)
    for (int i = 0; i < calls.size(); i += 25) {
      List<Future<?>> batch = new ArrayList<>();
      for (ArchiveCorpus.Call c : calls.subList(i, Math.min(calls.size(), i + 25))) {
        batch.add(node.node().vertx().eventBus().request(Addresses.CALL_ENDED, c.body(), new DeliveryOptions().setSendTimeout(30_000)));
      }
      Future.all(batch).await(60, TimeUnit.SECONDS);
    }
    MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", node.node().mongoUrl()).put("db_name", "switchboard"));
    for (ArchiveCorpus.Call c : calls) {
      if (!c.tags().isEmpty() || !c.ruleFirings().isEmpty()) {
        mongo.updateCollectionWithOptions("calls", new JsonObject().put("_id", c.callId()),
            new JsonObject().put("$set", new JsonObject().put("tags", new JsonArray(c.tags())).put("rule_firings", c.ruleFirings())),
            new UpdateOptions()).await(10, TimeUnit.SECONDS);
      }
    }
    assertEquals(CALLS, mongo.count("calls", new JsonObject()).await(10, TimeUnit.SECONDS));
    mongo.close();
    System.out.printf("search e2e: %d calls archived in %d ms%n", CALLS, (System.nanoTime() - t0) / 1_000_000);
  }

  @AfterAll
  static void stop() {
    if (web != null) {
      web.close();
    }
    if (node != null) {
      node.close();
    }
    if (redis != null) {
      redis.close();
    }
    vertx.close();
  }

  static HttpResponse<Buffer> get(String pathAndQuery, String token) throws Exception {
    var req = web.get(node.port(), "127.0.0.1", pathAndQuery);
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    return req.send().await(30, TimeUnit.SECONDS);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Every hit of a search, page by page; asserts each page is well-formed. */
  static List<JsonObject> walk(String query, int limit) throws Exception {
    List<JsonObject> hits = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String q = "/api/calls/search?" + query + (query.isEmpty() ? "" : "&") + "limit=" + limit + (cursor == null ? "" : "&cursor=" + enc(cursor));
      HttpResponse<Buffer> r = get(q, viewerToken);
      assertEquals(200, r.statusCode(), q + " → " + r.bodyAsString());
      JsonObject page = r.bodyAsJsonObject();
      JsonArray items = page.getJsonArray("items");
      assertTrue(items.size() <= limit, "page within limit");
      if (page.getString("next_cursor") != null) {
        assertEquals(limit, items.size(), "only the last page is short");
      }
      if (pages == 0) {
        assertTrue(page.getValue("total") instanceof Number, "first page has a total: " + page.encode().substring(0, 200));
      } else {
        assertNull(page.getValue("total"));
      }
      items.forEach(o -> hits.add((JsonObject) o));
      cursor = page.getString("next_cursor");
      pages++;
      assertTrue(pages < 500, "paging terminates");
    } while (cursor != null);
    return hits;
  }

  static List<String> expected(Predicate<ArchiveCorpus.Call> p) {
    return calls.stream().filter(p)
        .sorted(Comparator.comparingLong(ArchiveCorpus.Call::startedMs).thenComparing(ArchiveCorpus.Call::callId).reversed())
        .map(ArchiveCorpus.Call::callId).toList();
  }

  static List<String> ids(List<JsonObject> hits) {
    return hits.stream().map(h -> h.getString("call_id")).toList();
  }

  static void assertSameCalls(String query, int limit, Predicate<ArchiveCorpus.Call> p) throws Exception {
    List<String> want = expected(p);
    List<JsonObject> got = walk(query, limit);
    List<String> ids = ids(got);
    assertEquals(new HashSet<>(ids).size(), ids.size(), query + ": no duplicates across pages");
    assertEquals(want, ids, query + ": exactly the matching calls, newest first, no gap");
  }

  static String norm(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
  }

  /** Every mark of every hit covers a word equal to (or, for a prefix, starting with) a term. */
  static int assertMarks(List<JsonObject> hits, List<String> exact, List<String> prefixes) {
    int marks = 0;
    for (JsonObject h : hits) {
      JsonArray snippets = h.getJsonArray("snippets");
      assertFalse(snippets.isEmpty(), "a hit of a word search has snippets: " + h.getString("call_id"));
      for (Object o : snippets) {
        JsonObject s = (JsonObject) o;
        String text = s.getString("text");
        assertFalse(s.getJsonArray("marks").isEmpty(), "each snippet marks something: " + text);
        for (Object m : s.getJsonArray("marks")) {
          JsonArray r = (JsonArray) m;
          String word = norm(text.substring(r.getInteger(0), r.getInteger(1)));
          assertTrue(exact.contains(word) || prefixes.stream().anyMatch(word::startsWith), "marked '" + word + "' in " + text);
          marks++;
        }
      }
    }
    return marks;
  }

  @Test
  void aRareWordFindsExactlyItsCallsWithTheWordMarked() throws Exception {
    assertSameCalls("q=" + ArchiveCorpus.RARE, 5, c -> c.words().contains(ArchiveCorpus.RARE));
    List<JsonObject> hits = walk("q=Zeppelin", 50);
    assertEquals(CALLS / ArchiveCorpus.RARE_EVERY + 1, hits.size());
    int marks = assertMarks(hits, List.of(ArchiveCorpus.RARE), List.of());
    assertTrue(marks >= hits.size(), "every hit marked: " + marks);
  }

  @Test
  void wordsAreMatchedWithoutCaseOrAccentsAndAllMustOccur() throws Exception {
    assertSameCalls("q=" + enc("CHARGÉBACK"), 17, c -> c.words().contains(ArchiveCorpus.MEDIUM));
    assertSameCalls("q=" + enc("refund card"), 50, c -> c.words().contains("refund") && c.words().contains("card"));
    List<JsonObject> hits = walk("q=" + enc("refund card") + "&agent=agent-c", 20);
    assertMarks(hits, List.of("refund", "card"), List.of());
  }

  @Test
  void aPrefixMatchesEveryWordItStarts() throws Exception {
    assertSameCalls("q=" + enc("tech*"), 40, c -> c.words().contains("technician"));
    assertMarks(walk("q=" + enc("tech*") + "&language=zh", 40), List.of(), List.of("tech"));
  }

  @Test
  void everyFilterAloneAndCombinedMatchesTheGenerator() throws Exception {
    long from = T0 + 5L * 24 * 3_600_000;
    long to = T0 + 12L * 24 * 3_600_000;
    Map<String, Predicate<ArchiveCorpus.Call>> cases = new LinkedHashMap<>();
    cases.put("agent=agent-b", c -> c.agent().equals("agent-b"));
    cases.put("language=ms", c -> c.language().equals("ms"));
    cases.put("sentiment=negative", c -> c.sentiment().equals("negative"));
    cases.put("sentiment=negative&sentiment=neutral", c -> !c.sentiment().equals("positive"));
    cases.put("min_score=-0.5&max_score=0.5", c -> c.score() >= -0.5 && c.score() <= 0.5);
    cases.put("tag=vip", c -> c.tags().contains("vip"));
    cases.put("tag=vip&tag=billing", c -> c.tags().contains("vip") && c.tags().contains("billing"));
    cases.put("rule=r-legal", c -> c.ruleFirings().stream().anyMatch(f -> ((JsonObject) f).getString("rule_id").equals("r-legal")));
    cases.put("rule=" + enc("refund demand"), c -> c.ruleFirings().stream().anyMatch(f -> ((JsonObject) f).getString("name").equals("refund demand")));
    cases.put("from=" + Instant.ofEpochMilli(from) + "&to=" + Instant.ofEpochMilli(to), c -> c.startedMs() >= from && c.startedMs() < to);
    cases.put("min_duration=120&max_duration=300", c -> c.durationMs() >= 120_000 && c.durationMs() <= 300_000);
    cases.put("q=refund&agent=agent-a&language=en&sentiment=negative&min_duration=60",
        c -> c.words().contains("refund") && c.agent().equals("agent-a") && c.language().equals("en") && c.sentiment().equals("negative")
            && c.durationMs() >= 60_000);
    cases.put("q=router&tag=churn-risk&from=" + Instant.ofEpochMilli(from),
        c -> c.words().contains("router") && c.tags().contains("churn-risk") && c.startedMs() >= from);
    for (Map.Entry<String, Predicate<ArchiveCorpus.Call>> e : cases.entrySet()) {
      assertFalse(expected(e.getValue()).isEmpty(), "the corpus has calls for " + e.getKey());
      assertSameCalls(e.getKey(), 100, e.getValue());
    }
  }

  @Test
  void theWholeArchivePagesWithoutDuplicatesOrGapsAndHitsCarryTheirSummary() throws Exception {
    List<JsonObject> hits = walk("", 100);
    assertEquals(expected(c -> true), ids(hits));
    HttpResponse<Buffer> first = get("/api/calls/search?limit=3", viewerToken);
    assertEquals(CALLS, first.bodyAsJsonObject().getInteger("total"));
    assertEquals("words", first.bodyAsJsonObject().getString("mode"), "the embedded server has no $text: words mode");
    JsonObject h = hits.get(0);
    ArchiveCorpus.Call c = calls.stream().filter(x -> x.callId().equals(h.getString("call_id"))).findFirst().orElseThrow();
    assertEquals(c.agent(), h.getString("agent"));
    assertEquals(c.durationMs(), h.getLong("duration_ms"));
    assertEquals(Instant.ofEpochMilli(c.startedMs()).toString(), h.getString("started_at"));
    assertEquals(c.sentiment(), h.getString("sentiment"));
    assertEquals(new JsonArray(c.tags()), h.getJsonArray("tags"));
    assertEquals(0, h.getJsonArray("snippets").size(), "no words asked, no snippets");
  }

  @Test
  void anArchivedCallOpensWithItsTranscriptAndUnknownOnesAre404() throws Exception {
    ArchiveCorpus.Call c = calls.get(ArchiveCorpus.RARE_EVERY);
    HttpResponse<Buffer> r = get("/api/calls/archive/" + enc(c.callId()), viewerToken);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject call = r.bodyAsJsonObject().getJsonObject("call");
    assertEquals(c.room(), call.getString("room"));
    assertEquals(c.body().getJsonArray("lines").stream().filter(l -> "transcript".equals(((JsonObject) l).getString("kind"))).count(),
        call.getJsonArray("transcript").size());
    assertTrue(call.getJsonArray("transcript").encode().contains(ArchiveCorpus.RARE));
    assertEquals(Instant.ofEpochMilli(c.startedMs()).toString(), call.getString("started_at"));
    assertFalse(call.containsKey("search_words"), "the words array stays internal");
    assertTrue(r.bodyAsJsonObject().getJsonArray("audit") != null);
    assertEquals(404, get("/api/calls/archive/" + enc("nope|x|1"), viewerToken).statusCode());
  }

  @Test
  void badParametersAre400NamingTheParameterAndNoTokenIs401() throws Exception {
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("limit=500", "limit");
    bad.put("limit=ten", "limit");
    bad.put("cursor=garbage", "cursor");
    bad.put("sentiment=angry", "sentiment");
    bad.put("from=yesterday", "from");
    bad.put("min_score=2", "min_score");
    bad.put("min_duration=-5", "min_duration");
    bad.put("min_duration=600&max_duration=60", "min_duration");
    bad.put("q=" + enc("a b c d e f g h i"), "q");
    bad.put("agnet=agent-a", "agnet");
    bad.put("agent=a&agent=b", "agent");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      HttpResponse<Buffer> r = get("/api/calls/search?" + e.getKey(), viewerToken);
      assertEquals(400, r.statusCode(), e.getKey() + " → " + r.bodyAsString());
      assertTrue(r.bodyAsJsonObject().getString("message").startsWith(e.getValue() + ":"), e.getKey() + " → " + r.bodyAsString());
    }
    assertEquals(401, get("/api/calls/search?q=refund", null).statusCode());
    assertEquals(401, get("/api/calls/archive/x", null).statusCode());
  }
}
