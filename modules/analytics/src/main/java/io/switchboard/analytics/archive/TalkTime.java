package io.switchboard.analytics.archive;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Talk time of a call, derived from its final transcript lines (user, agent and supervisor speech).
 *
 * <p>A final transcript line is logged when its utterance ends, so the time since the previous
 * line (or since the call started, for the first) bounds how long it was spoken. That gap also
 * contains silence, hold and thinking time, so each line's span is capped by what its words can
 * plausibly take:
 *
 * <pre>span(line) = min(ts − previous_ts, max(1 s, words × 1 s), 15 s)      when ts is known
 * span(line) = min(words × 400 ms, 15 s)                                 otherwise (150 words/min)
 * talk_time_ms = Σ span(line)</pre>
 *
 * Overlapping speech is counted once per speaker line, which is what "talk" means for a contact
 * centre (both parties' speech); the result never exceeds the handle time by construction of the
 * gaps when timestamps are known.
 */
public final class TalkTime {
  private TalkTime() {}

  public static final long CAP_MS = 15_000;
  public static final long MS_PER_WORD_BOUND = 1_000;
  public static final long MIN_BOUND_MS = 1_000;
  public static final long MS_PER_WORD_ESTIMATE = 400;

  /** @param transcript final transcript lines in seq order; @param startedAtMs call start (epoch ms) */
  public static long of(List<JsonObject> transcript, long startedAtMs) {
    long total = 0;
    long prev = startedAtMs;
    for (JsonObject line : transcript) {
      int words = words(line.getString("text"));
      long ts = Fields.epochMillis(line.getValue("ts"), -1);
      if (ts >= 0 && prev > 0 && ts >= prev) {
        total += Math.min(ts - prev, Math.min(Math.max(MIN_BOUND_MS, words * MS_PER_WORD_BOUND), CAP_MS));
        prev = ts;
      } else {
        total += Math.min(words * MS_PER_WORD_ESTIMATE, CAP_MS);
        if (ts > prev) {
          prev = ts;
        }
      }
    }
    return total;
  }

  static int words(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    return text.trim().split("\\s+").length;
  }
}
