package io.switchboard.rules.engine;

import io.switchboard.contract.live.EventType;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the rules know about one live call, built from its observed events: who and what language,
 * when it started, when someone last spoke, whether a supervisor has taken over, the last customer
 * sentiment scores, and which rules already fired (each rule fires once per call).
 */
public final class CallState {
  /** Customer sentiment scores kept for trend conditions (the schema allows up to 20 turns). */
  static final int SCORES_KEPT = 20;

  private final String room;
  private final String sessionId;
  private String agent;
  private String language;
  private long startedAt;
  private long lastSpokeAt;
  private long takeoverSince;
  private long lastSeq;
  private boolean ended;
  private final Deque<Double> scores = new ArrayDeque<>();
  private final Set<String> fired = new HashSet<>();

  public CallState(String room, String sessionId, long firstSeenAt) {
    this.room = room;
    this.sessionId = sessionId;
    this.startedAt = firstSeenAt;
    this.lastSpokeAt = firstSeenAt;
  }

  /** Folds an observed event into the state (before the rules look at it). */
  public void apply(Observation o) {
    lastSeq = Math.max(lastSeq, o.seq());
    JsonObject d = o.data();
    if (o.is(EventType.CALL_STARTED)) {
      startedAt = o.at();
      lastSpokeAt = o.at();
      agent = d.getString("agent", agent);
      language = d.getString("language", language);
    } else if (o.transcriptSpeaker() != null) {
      lastSpokeAt = o.at();
      if (d.getString("language") != null) {
        language = d.getString("language");
      }
    } else if (o.is(EventType.SENTIMENT) && d.getValue("score") instanceof Number n) {
      scores.addLast(n.doubleValue());
      while (scores.size() > SCORES_KEPT) {
        scores.removeFirst();
      }
    } else if (o.is(EventType.SUPERVISOR)) {
      String action = d.getString("action", "");
      if (action.equals("takeover") && takeoverSince == 0) {
        takeoverSince = o.at();
      } else if (action.equals("handback")) {
        takeoverSince = 0;
      }
    } else if (o.is(EventType.CALL_ENDED)) {
      ended = true;
    }
  }

  public String room() {
    return room;
  }

  public String sessionId() {
    return sessionId;
  }

  public String agent() {
    return agent;
  }

  public String language() {
    return language;
  }

  public long startedAt() {
    return startedAt;
  }

  public long lastSpokeAt() {
    return lastSpokeAt;
  }

  /** When the current takeover began, or 0 when the AI is in charge. */
  public long takeoverSince() {
    return takeoverSince;
  }

  public long lastSeq() {
    return lastSeq;
  }

  public boolean ended() {
    return ended;
  }

  /** The last {@code n} customer sentiment scores, oldest first (fewer when the call has fewer). */
  public List<Double> lastScores(int n) {
    List<Double> all = new ArrayList<>(scores);
    return all.subList(Math.max(0, all.size() - n), all.size());
  }

  public boolean hasFired(String ruleId) {
    return fired.contains(ruleId);
  }

  /** Marks the rule fired; false when it already had. */
  public boolean markFired(String ruleId) {
    return fired.add(ruleId);
  }

  /** Forgets a firing that could not be recorded, so the rule may fire again. */
  public void unmarkFired(String ruleId) {
    fired.remove(ruleId);
  }
}
