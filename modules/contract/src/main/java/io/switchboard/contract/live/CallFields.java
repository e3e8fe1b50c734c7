package io.switchboard.contract.live;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * Field names of the {@code call:<room>} hash. The same names are the keys of {@code fields} in a
 * room delta and of a call summary, so a client applies a delta by plain assignment.
 * Values in Redis are strings; JSON-valued fields hold a JSON text and are parsed into JSON in
 * deltas and summaries ({@link #JSON_FIELDS}), numeric ones into numbers ({@link #NUMBER_FIELDS}).
 */
public final class CallFields {
  private CallFields() {}

  public static final String ROOM = "room";
  public static final String SESSION_ID = "session_id";
  /** active | ended */
  public static final String STATUS = "status";
  public static final String ROOM_SID = "room_sid";
  public static final String STARTED_AT = "started_at";
  public static final String ENDED_AT = "ended_at";
  /** One of {@link #END_REASONS}, or {@code unknown} when the sender's reason was not one of them. */
  public static final String END_REASON = "end_reason";
  /** The sender's own end reason when it was not one of {@link #END_REASONS} (kept, at most 128 chars). */
  public static final String END_REASON_RAW = "end_reason_raw";
  /** The end reason stored for a reason outside {@link #END_REASONS}. */
  public static final String END_REASON_UNKNOWN = "unknown";
  /** End reasons a call_ended event may name; anything else ends the call as {@code unknown}. */
  public static final List<String> END_REASONS = List.of(
      "completed", "customer_hangup", "transferred", "agent_error", "room_finished", "reconciled", "superseded",
      "ended_by_supervisor");
  public static final String TRANSFER_TARGET = "transfer_target";
  public static final String AGENT = "agent";
  public static final String CUSTOMER = "customer";
  public static final String LANGUAGE = "language";
  /** initializing | listening | thinking | speaking | paused | lost (the agent left the LiveKit room, the customer is still there) | ended */
  public static final String AGENT_STATE = "agent_state";
  public static final String AGENT_STATE_AT = "agent_state_at";
  /** negative | neutral | positive (call level) */
  public static final String SENTIMENT = "sentiment";
  public static final String SENTIMENT_SCORE = "sentiment_score";
  /** JSON {@code CallSentimentState} fed back to the sentiment verticle. */
  public static final String SENTIMENT_STATE = "sentiment_state";
  /** JSON array of escalation reasons raised for this call. */
  public static final String ESCALATION = "escalation";
  /** user id of the supervisor holding the call, empty when the AI has it. */
  public static final String TAKEOVER_BY = "takeover_by";
  /** JSON array of supervisors listening. */
  public static final String LISTENERS = "listeners";
  /** JSON array of supervisors viewing the room. */
  public static final String VIEWERS = "viewers";
  /** JSON {role, text, segment_id, ts} of the utterance in progress, empty when none. */
  public static final String INTERIM = "interim";
  /** JSON of the agent's last metrics event (stt/llm/tts timings). */
  public static final String METRICS = "metrics";
  /** JSON array of LiveKit participants {identity, kind}. */
  public static final String PARTICIPANTS = "participants";
  /**
   * How the call is supervised: {@code observer} (the room observer follows an unmodified agent
   * through LiveKit Agents' remote-session protocol), {@code package} (the agent runs the Python
   * package), {@code http} (the agent posts events itself); empty for calls that did not say.
   */
  public static final String SUPERVISION = "supervision";
  /** JSON array of the tags rules put on the call. */
  public static final String TAGS = "tags";
  /** JSON {text, rule_id, seq} of the latest action a rule suggests to the supervisor, or empty. */
  public static final String SUGGESTION = "suggestion";
  public static final String LAST_SEQ = "last_seq";
  public static final String UPDATED_AT = "updated_at";
  /** "1" for a call of the simulator (the reconciler leaves it alone: it has no LiveKit room). */
  public static final String SIMULATED = "simulated";
  /** true on a call of the generated demo history (only in {@code call.ended} bodies, never in Redis). */
  public static final String DEMO = "demo";
  /** "1" once analytics acknowledged the archive of an ended call. */
  public static final String ARCHIVED = "archived";

  public static final List<String> JSON_FIELDS =
      List.of(SENTIMENT_STATE, ESCALATION, LISTENERS, VIEWERS, INTERIM, METRICS, PARTICIPANTS, TAGS, SUGGESTION);
  public static final List<String> NUMBER_FIELDS =
      List.of(STARTED_AT, ENDED_AT, AGENT_STATE_AT, SENTIMENT_SCORE, LAST_SEQ, UPDATED_AT);
  /** Fields that make up a call summary on {@code calls.active}. */
  public static final List<String> SUMMARY_FIELDS =
      List.of(
          ROOM, SESSION_ID, STATUS, STARTED_AT, AGENT, CUSTOMER, LANGUAGE, AGENT_STATE, SENTIMENT, SENTIMENT_SCORE,
          ESCALATION, TAKEOVER_BY, LISTENERS, VIEWERS, INTERIM, SUPERVISION, LAST_SEQ, TAGS);
  /** {@link #SUMMARY_FIELDS} as a set, for membership tests. */
  public static final Set<String> SUMMARY_FIELD_SET = Set.copyOf(SUMMARY_FIELDS);
  /**
   * Summary fields that change with nearly every event of a call — what is being said, the agent's
   * turn state, the score, the last seq. On {@code calls.active} a listed call's change of only
   * these waits for the call's routine period; any other change goes at once and takes them along
   * (docs/event-bus.md#calls-active-pacing). An agent state outside {@link #ROUTINE_AGENT_STATES}
   * is not routine.
   */
  public static final Set<String> ROUTINE_SUMMARY_FIELDS = Set.of(INTERIM, AGENT_STATE, SENTIMENT_SCORE, LAST_SEQ);
  /**
   * The agent states of an ordinary turn: a change to any other ({@code paused}, {@code lost},
   * {@code ended}) is not routine — a supervisor must see at once that the customer is alone.
   */
  public static final Set<String> ROUTINE_AGENT_STATES = Set.of("initializing", "listening", "thinking", "speaking");

  /**
   * Whether a partial summary on {@code calls.active} changes routine fields only (its room and
   * session id aside): such a change of a listed call may wait for the call's routine period.
   */
  public static boolean routineOnly(JsonObject summaryChange) {
    for (String field : summaryChange.fieldNames()) {
      Object value = summaryChange.getValue(field);
      boolean routine = ROUTINE_SUMMARY_FIELDS.contains(field) && (!AGENT_STATE.equals(field) || ROUTINE_AGENT_STATES.contains(value));
      if (!routine && !ROOM.equals(field) && !SESSION_ID.equals(field)) {
        return false;
      }
    }
    return true;
  }
}
