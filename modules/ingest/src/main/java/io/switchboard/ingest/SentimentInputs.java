package io.switchboard.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.sentiment.CallSentimentState;
import io.switchboard.platform.cache.EventLoopCaches;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What this ingest instance last saw of each room's sentiment inputs — the call's last seq and the
 * exact {@code sentiment_state}, {@code metrics} and {@code language} strings in its hash — so a
 * customer's final line can be annotated <em>before</em> it is written and stored with its
 * annotation in one script call (docs/architecture.md#sentiment-inline).
 *
 * <p>Only a guess: another ingest instance or node may have written the room since. The apply
 * script compares the guess with the hash and stores the annotation only when all of it still
 * holds; otherwise it stores the line alone and returns the real inputs, and the line is annotated
 * afterwards as before. Bounded like {@link AgentTurns}.
 */
final class SentimentInputs {
  static final int MAX_ROOMS = 50_000;
  static final Duration IDLE = Duration.ofMinutes(30);

  /**
   * The inputs of a room's call as last written through this instance.
   *
   * @param state {@code sentimentState} as the record it was encoded from, when this instance wrote
   *     it (an inline annotation): the next line's request needs it, and parsing the string again
   *     for every customer line cost ≈ 1 % of the node; null when only the string is known
   */
  record Room(String session, long lastSeq, String sentimentState, String metrics, String language, CallSentimentState state) {
    Room(String session, long lastSeq, String sentimentState, String metrics, String language) {
      this(session, lastSeq, sentimentState, metrics, language, null);
    }
  }

  private final Cache<String, Room> rooms = EventLoopCaches.newBuilder().maximumSize(MAX_ROOMS).expireAfterAccess(IDLE).build();

  /** The guess for a customer line of {@code session} in {@code room}, if this instance has one. */
  Optional<Room> guess(String room, String session) {
    Room r = rooms.getIfPresent(room);
    return r != null && (session == null || r.session().equals(session)) ? Optional.of(r) : Optional.empty();
  }

  /**
   * Follows an applied event: the seq it left, the inputs its field operations set, and the real
   * inputs the script returns for a customer line it did not annotate.
   */
  void applied(String room, EventPlan plan, ApplyResult result) {
    if (!result.ok()) {
      return;
    }
    if (plan.ends) {
      rooms.invalidate(room);
      return;
    }
    Room before;
    if (result.created()) {
      before = new Room(result.sessionId(), 0, "", "", "");
    } else if (plan.userFinal && !result.annotated()) {
      // the script read the hash for this line: the freshest inputs there are
      before = new Room(result.sessionId(), 0, result.sentimentState(), result.metrics(), result.language());
    } else {
      before = rooms.getIfPresent(room);
      if (before == null || !before.session().equals(result.sessionId())) {
        rooms.invalidate(room);
        return;
      }
    }
    String state = before.sentimentState();
    CallSentimentState parsed = before.state();
    String metrics = before.metrics();
    String language = before.language();
    List<String> sets = plan.setPairs();
    for (int i = 0; i + 1 < sets.size(); i += 2) {
      String value = sets.get(i + 1);
      switch (sets.get(i)) {
        case CallFields.SENTIMENT_STATE -> {
          state = value;
          parsed = null;
        }
        case CallFields.METRICS -> metrics = value;
        case CallFields.LANGUAGE -> language = value;
        default -> { }
      }
    }
    if (result.annotated()) {
      state = plan.inline.sentimentState();
      parsed = plan.inline.state();
    }
    long seq = result.annotated() ? result.seq() + 1 : result.seq();
    rooms.put(room, new Room(result.sessionId(), seq, state, metrics, language, parsed));
  }
}
