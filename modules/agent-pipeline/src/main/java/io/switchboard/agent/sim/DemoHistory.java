package io.switchboard.agent.sim;

import io.switchboard.contract.live.ArchivedCall;
import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.LogLine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A few days of ended calls for the embedded demo's archive, made from the simulator's scenarios
 * (their customers, lines, tools and endings), so Analytics shows trends on the first start
 * instead of an empty page. Every call is an ordinary {@code call.ended} body ({@link ArchivedCall})
 * marked {@code fields.demo = true}; analytics stores it like any other call and keeps the mark.
 *
 * <p>Calls start more often in office hours (the hour-of-day weights below), last as long as their
 * scenario takes at a varied pace, and carry sentiment annotations, escalations for calls that go
 * badly and the occasional supervisor take-over, so every chart has something to show.
 */
public final class DemoHistory {
  /** Relative call volume by hour of day (UTC): quiet nights, a morning ramp, a busy afternoon. */
  private static final int[] HOUR_WEIGHTS = {1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 11, 10, 9, 10, 11, 10, 9, 7, 5, 4, 3, 2, 2, 1};
  private static final double TAKEOVER_SHARE = 0.08;
  /** Nothing in the last minutes: the history never overlaps the live calls starting now. */
  private static final Duration QUIET_BEFORE_NOW = Duration.ofMinutes(10);

  private DemoHistory() {}

  /** {@code days × perDay} ended calls spread over the {@code days} whole (UTC) days before today and today until a little before {@code now}, oldest first. */
  public static List<ArchivedCall> generate(ScenarioCatalog catalog, Instant now, int days, int perDay, Random random) {
    long end = now.minus(QUIET_BEFORE_NOW).toEpochMilli();
    long dayMs = Duration.ofDays(1).toMillis();
    long begin = now.minus(Duration.ofDays(days)).toEpochMilli() / dayMs * dayMs;
    List<Long> starts = new ArrayList<>();
    int total = days * perDay;
    while (starts.size() < total) {
      long day = begin + Duration.ofDays(random.nextInt(days + 1)).toMillis();
      long dayStart = day - Math.floorMod(day, dayMs);
      long t = dayStart + Duration.ofHours(weightedHour(random)).toMillis() + (long) (random.nextDouble() * 3_600_000L);
      if (t >= begin && t <= end) {
        starts.add(t);
      }
    }
    starts.sort(Long::compare);
    List<ArchivedCall> out = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      out.add(call(catalog.pick(random), starts.get(i), i + 1, random));
    }
    return out;
  }

  private static int weightedHour(Random random) {
    int sum = 0;
    for (int w : HOUR_WEIGHTS) {
      sum += w;
    }
    int r = random.nextInt(sum);
    for (int h = 0; h < HOUR_WEIGHTS.length; h++) {
      r -= HOUR_WEIGHTS[h];
      if (r < 0) {
        return h;
      }
    }
    return 12;
  }

  private static ArchivedCall call(Scenario scenario, long startMs, int n, Random random) {
    String room = "demo-" + n;
    String session = "demo-" + Long.toString(startMs, 36) + "-" + n;
    String customer = scenario.customers().get(random.nextInt(scenario.customers().size()));
    String first = customer.split(" ")[0];
    Scenario.Ending ending = scenario.pickEnding(random);
    double pace = 0.7 + random.nextDouble() * 0.9;
    // the call's mood: transfers are mostly unhappy callers, completed calls mostly fine
    double mood = ("transferred".equals(ending.reason()) ? -0.55 : 0.3) + random.nextGaussian() * 0.25;
    boolean takeover = random.nextDouble() < TAKEOVER_SHARE;
    boolean escalates = mood < -0.4 && random.nextDouble() < 0.7;

    Lines lines = new Lines();
    long t = startMs;
    lines.add(t, new JsonObject().put("kind", LogLine.KIND_LIFECYCLE).put("event", "started"));
    t += gap(1_500, 3_000, pace, random);
    lines.add(t, transcript("agent", Scenario.fill(scenario.greeting(), first), "a-0", scenario.language()));
    double score = mood;
    int turnNo = 0;
    for (Scenario.Turn turn : scenario.turns()) {
      turnNo++;
      t += gap(5_000, 12_000, pace, random);
      long userSeq = lines.add(t, transcript("user", Scenario.fill(turn.customer(), first), "u-" + turnNo, scenario.language()));
      score = clamp(mood + random.nextGaussian() * 0.3);
      JsonObject annotation = new JsonObject().put("kind", LogLine.KIND_ANNOTATION).put("ref", userSeq)
          .put("sentiment", new JsonObject().put("label", label(score)).put("score", round(score))
              .put("confidence", round(0.6 + random.nextDouble() * 0.35)).put("source", "demo"));
      if (escalates && turnNo == Math.min(2, scenario.turns().size())) {
        annotation.put("new_escalations", new JsonArray().add("human_requested"));
      }
      lines.add(t + 40, annotation);
      if (takeover && turnNo == 1) {
        lines.add(t + 2_000, new JsonObject().put("kind", LogLine.KIND_SUPERVISOR).put("action", "takeover").put("by", "supervisor"));
      }
      if (turn.tool() != null) {
        t += gap(600, 2_000, pace, random);
        lines.add(t, new JsonObject().put("kind", LogLine.KIND_TOOL_CALL).put("name", turn.tool().name())
            .put("args", turn.tool().args()).put("duration_ms", gap(200, 900, 1, random)));
      }
      t += gap(2_000, 5_000, pace, random);
      lines.add(t, transcript("agent", Scenario.fill(turn.agent(), first), "a-" + turnNo, scenario.language()));
      if (takeover && turnNo == 2) {
        lines.add(t + 500, new JsonObject().put("kind", LogLine.KIND_SUPERVISOR).put("action", "handback").put("by", "supervisor"));
      }
    }
    t += gap(2_000, 6_000, pace, random);
    lines.add(t, new JsonObject().put("kind", LogLine.KIND_LIFECYCLE).put("event", "ended").put("detail", ending.reason()));

    JsonObject fields = new JsonObject()
        .put(CallFields.ROOM, room)
        .put(CallFields.SESSION_ID, session)
        .put(CallFields.STATUS, "ended")
        .put(CallFields.STARTED_AT, startMs)
        .put(CallFields.ENDED_AT, t)
        .put(CallFields.END_REASON, ending.reason())
        .put(CallFields.AGENT, scenario.agent())
        .put(CallFields.CUSTOMER, customer)
        .put(CallFields.LANGUAGE, scenario.language())
        .put(CallFields.SENTIMENT, label(score))
        .put(CallFields.SENTIMENT_SCORE, round(score))
        .put(CallFields.ESCALATION, escalates ? new JsonArray().add("human_requested") : new JsonArray())
        .put(CallFields.LAST_SEQ, lines.seq)
        .put(CallFields.SIMULATED, "1")
        .put(CallFields.DEMO, true);
    if (ending.transferTarget() != null) {
      fields.put(CallFields.TRANSFER_TARGET, ending.transferTarget());
    }
    return new ArchivedCall(room, session, fields, lines.all);
  }

  private static JsonObject transcript(String role, String text, String segment, String language) {
    return new JsonObject().put("kind", LogLine.KIND_TRANSCRIPT).put("role", role).put("text", text)
        .put("segment_id", segment).put("language", language);
  }

  private static long gap(long min, long max, double pace, Random random) {
    return Math.round((min + random.nextDouble() * (max - min)) * pace);
  }

  private static String label(double score) {
    return score < -0.25 ? "negative" : score > 0.25 ? "positive" : "neutral";
  }

  private static double clamp(double v) {
    return Math.max(-1, Math.min(1, v));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** A log under construction: gap-free seqs from 1. */
  private static final class Lines {
    final JsonArray all = new JsonArray();
    long seq;

    long add(long ts, JsonObject line) {
      all.add(line.put("seq", ++seq).put("ts", ts));
      return seq;
    }
  }
}
