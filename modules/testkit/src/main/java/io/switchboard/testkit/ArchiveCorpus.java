package io.switchboard.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic corpus of ended calls for archive-search tests and the search benchmark: each
 * call is a {@code call.ended} body (as ingest hands it to analytics) plus what a search must know
 * about it, so expected results are computed from the generator, never from the system under test.
 * Texts hold no digits or PII, so redaction leaves them as they are. Rule tags and firings are
 * returned beside the body: the archive writes them when rules ran; tests set them in the same
 * shape ({@code tags: [..]}, {@code rule_firings: [{rule_id, name, seq, at, severity}]}).
 */
public final class ArchiveCorpus {
  private ArchiveCorpus() {}

  public static final String[] AGENTS = {"agent-a", "agent-b", "agent-c", "agent-d", "agent-e"};
  public static final String[] LANGUAGES = {"en", "ms", "zh"};
  public static final String[] LABELS = {"negative", "neutral", "positive"};
  public static final String[] TAGS = {"vip", "billing", "churn-risk"};
  public static final String[][] RULES = {{"r-refund", "refund demand"}, {"r-legal", "legal threat"}};
  /** Common words: most calls have several. */
  static final String[] VOCAB = {
    "hello", "thanks", "please", "account", "balance", "payment", "invoice", "billing", "charge", "card", "refund",
    "delivery", "parcel", "late", "cancel", "subscription", "upgrade", "router", "internet", "outage", "manager",
    "complaint", "address", "overdue", "discount", "promo", "warranty", "broken", "replace", "technician", "appointment",
    "password", "login", "email", "transfer", "waiting", "sorry", "understand", "check", "moment", "today", "tomorrow",
    "week", "month", "plan", "price", "contract", "signal", "speed", "slow", "help", "problem", "fixed", "great", "annoyed"};
  /** Rare words: in exactly the calls whose index is a multiple of the number beside them. */
  public static final String RARE = "zeppelin";
  public static final int RARE_EVERY = 97;
  /** In about one call in ten, written with its accent ("Chargéback") in every other such call. */
  public static final String MEDIUM = "chargeback";

  /** One generated call. {@code words}: its distinct transcript words, normalised (lower case, no accents). */
  public record Call(
      int index, String callId, String room, String sessionId, String agent, String language, long startedMs, long endedMs,
      String sentiment, double score, Set<String> words, List<String> tags, JsonArray ruleFirings, JsonObject body) {
    public long durationMs() {
      return endedMs - startedMs;
    }
  }

  /** {@code n} calls started in {@code [fromMs, fromMs + spanMs)}, deterministic for a seed. */
  public static List<Call> generate(int n, long fromMs, long spanMs, long seed) {
    Random rnd = new Random(seed);
    List<Call> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(call(i, fromMs + (long) (rnd.nextDouble() * spanMs), rnd));
    }
    return out;
  }

  private static Call call(int i, long started, Random rnd) {
    String room = "search-" + i;
    String session = "s-" + i;
    String agent = AGENTS[rnd.nextInt(AGENTS.length)];
    String language = LANGUAGES[rnd.nextInt(LANGUAGES.length)];
    long duration = 30_000 + rnd.nextInt(870) * 1_000L;
    long ended = started + duration;
    int lineCount = 4 + rnd.nextInt(9);
    JsonArray lines = new JsonArray();
    Set<String> words = new LinkedHashSet<>();
    long seq = 0;
    lines.add(new JsonObject().put("seq", ++seq).put("kind", "lifecycle").put("event", "started").put("ts", started));
    int rareLine = i % RARE_EVERY == 0 ? rnd.nextInt(lineCount) : -1;
    int mediumLine = rnd.nextInt(10) == 0 ? rnd.nextInt(lineCount) : -1;
    for (int l = 0; l < lineCount; l++) {
      int n = 5 + rnd.nextInt(10);
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < n; w++) {
        String word = VOCAB[rnd.nextInt(VOCAB.length)];
        words.add(word);
        text.append(w == 0 ? capitalise(word) : word).append(w == n - 1 ? "." : " ");
      }
      if (l == rareLine) {
        text.append(" A ").append(RARE).append(" flew by.");
        words.add(RARE);
        words.add("a");
        words.add("flew");
        words.add("by");
      }
      if (l == mediumLine) {
        text.append(i % 2 == 0 ? " Chargéback!" : " Is that a chargeback?");
        words.add(MEDIUM);
        if (i % 2 != 0) {
          words.add("is");
          words.add("that");
          words.add("a");
        }
      }
      long ts = started + (l + 1) * (duration / (lineCount + 1));
      lines.add(new JsonObject().put("seq", ++seq).put("kind", "transcript").put("role", l % 2 == 0 ? "agent" : "user")
          .put("text", text.toString()).put("final", true).put("ts", ts));
    }
    lines.add(new JsonObject().put("seq", ++seq).put("kind", "lifecycle").put("event", "ended").put("ts", ended));
    String label = LABELS[rnd.nextInt(LABELS.length)];
    double score = Math.round((label.equals("negative") ? -0.3 - rnd.nextDouble() * 0.7 : label.equals("positive") ? 0.3 + rnd.nextDouble() * 0.7
        : rnd.nextDouble() * 0.6 - 0.3) * 100) / 100.0;
    List<String> tags = new ArrayList<>();
    for (int t = 0; t < TAGS.length; t++) {
      if (rnd.nextInt(4 + t) == 0) {
        tags.add(TAGS[t]);
      }
    }
    JsonArray firings = new JsonArray();
    for (String[] r : RULES) {
      if (rnd.nextInt(6) == 0) {
        firings.add(new JsonObject().put("rule_id", r[0]).put("name", r[1]).put("seq", 2).put("at", started + 1_000).put("severity", "warning"));
      }
    }
    JsonObject fields = new JsonObject()
        .put("room", room).put("session_id", session).put("status", "ended").put("started_at", started).put("ended_at", ended)
        .put("agent", agent).put("language", language).put("sentiment", label).put("sentiment_score", score)
        .put("end_reason", "completed").put("last_seq", seq);
    JsonObject body = new JsonObject().put("v", 1).put("room", room).put("session_id", session).put("fields", fields).put("lines", lines);
    return new Call(i, room + "|" + session + "|" + started, room, session, agent, language, started, ended, label, score, words, tags,
        firings, body);
  }

  private static String capitalise(String w) {
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }
}
