package io.switchboard.contract.live;

/**
 * Live-state keys in Redis (docs/architecture.md#redis-model). Only ingest writes them (one Lua script per event); the
 * debouncer reads them and watches their keyspace notifications.
 *
 * <ul>
 *   <li>{@code call:<room>} hash — the call's current state ({@link CallFields}); small, no transcript.
 *   <li>{@code call:<room>:log} stream — {@link LogLine}s; entry id {@code <seq>-0}, so
 *       {@code XRANGE (<seq>-0 +} returns every line after a seq.
 *   <li>{@code call:<room>:dedup} set — event ids already applied for the current session.
 *   <li>{@code call:<room>:ended} set — session ids that ended in this room (never resurrected).
 *   <li>{@code active_calls} sorted set — live rooms scored by start time (epoch ms).
 *   <li>{@code archive:pending} set — {@code room|session} of ended calls analytics has not yet
 *       acknowledged.
 *   <li>{@code parked:<room>:<session>} (+ {@code :log}) — an ended call pushed out of its room
 *       by a new session before it was archived.
 * </ul>
 */
public final class RedisKeys {
  private RedisKeys() {}

  public static final String CALL_PREFIX = "call:";
  public static final String ACTIVE_CALLS = "active_calls";
  /**
   * Version of the call list: INCR'd for every {@code calls.active} delta (by whichever debouncer
   * publishes it) and read with the {@code calls.snapshot} in one script, so a client can tell a
   * delta its snapshot already reflects (docs/event-bus.md#calls-active-versions).
   */
  public static final String ACTIVE_CALLS_VERSION = "active_calls:version";
  public static final String ARCHIVE_PENDING = "archive:pending";
  public static final String LOG_SUFFIX = ":log";
  public static final String DEDUP_SUFFIX = ":dedup";
  public static final String ENDED_SUFFIX = ":ended";
  /** Keyspace-notification channel pattern the debouncer subscribes to (database 0). */
  public static final String KEYSPACE_PATTERN = "__keyspace@0__:call:*";
  public static final String KEYSPACE_PREFIX = "__keyspace@0__:";
  /**
   * {@code notify-keyspace-events} the debouncer needs and sets: keyspace channel only ({@code K},
   * no keyevent channel: nobody subscribes to it and Redis would publish a second message per
   * write), hash writes ({@code h}: every event's apply writes the call hash in the same script as
   * its log line, so stream, set and list writes need no notification), generic commands
   * ({@code g}: DEL, RENAME, EXPIRE, PERSIST) and expiries ({@code x}). {@code KEA} works too, at
   * ≈ 3× the notifications per event (docs/operations.md#redis-live-state).
   */
  public static final String KEYSPACE_EVENTS = "Kghx";

  /**
   * Channel prefix of the change feed: the apply script PUBLISHes a {@link ChangeRecord} of what it
   * wrote to {@code feed:<room>} right after its HSET (docs/architecture.md#change-feed).
   */
  public static final String FEED_CHANNEL_PREFIX = "feed:";
  /** The change feed's channel pattern, subscribed on the keyspace connection (order matters). */
  public static final String FEED_PATTERN = FEED_CHANNEL_PREFIX + "*";

  public static String feedChannel(String room) {
    return FEED_CHANNEL_PREFIX + room;
  }

  /** A session pushed out of its room before its archive was acknowledged (ingest parks it). */
  public static String parked(String room, String session) {
    return "parked:" + room + ":" + session;
  }

  public static String parkedLog(String room, String session) {
    return parked(room, session) + LOG_SUFFIX;
  }

  /**
   * Which supervisor holds a call ({@code takeover:<room>} = user): control takes and releases
   * it; ingest drops it whenever a call ends or a new call starts in the room, so a lock never
   * outlives its call.
   */
  /**
   * LiveKit's participants of a room as its webhooks report them (a set of identities, kept by
   * webhook-receiver even before the call exists: an agent joins its room before it posts
   * call_started, so the first participant_joined webhooks precede the call). Ingest seeds a new
   * call's {@code participants} from it.
   */
  public static String liveKitParticipants(String room) {
    return "livekit:participants:" + room;
  }

  /**
   * Which LiveKit connection (participant sid) holds each identity of a room now (a hash, kept by
   * webhook-receiver beside {@link #liveKitParticipants}): a participant_left of a connection that
   * the same identity already replaced is stale and changes nothing.
   */
  public static String liveKitParticipantSids(String room) {
    return "livekit:participant-sids:" + room;
  }

  public static String takeoverLock(String room) {
    return "takeover:" + room;
  }

  /**
   * Pub/sub channel prefix (not a key): the apply-event script publishes each applied agent
   * send_seq on {@code <prefix><room>|<session>} so the ingest instance holding the next one retries.
   */
  public static final String SEND_ORDER_CHANNEL_PREFIX = "ingest:order:";

  public static String call(String room) {
    return CALL_PREFIX + room;
  }

  public static String log(String room) {
    return CALL_PREFIX + room + LOG_SUFFIX;
  }

  /** The room's last agent debug events (a capped list, newest first; ephemeral, not archived). */
  public static String debug(String room) {
    return CALL_PREFIX + room + ":debug";
  }

  public static String dedup(String room) {
    return CALL_PREFIX + room + DEDUP_SUFFIX;
  }

  public static String ended(String room) {
    return CALL_PREFIX + room + ENDED_SUFFIX;
  }

  /** The room of a {@code call:<room>} or {@code call:<room>:log} key; null for other keys. */
  public static String roomOfStateKey(String key) {
    if (key == null || !key.startsWith(CALL_PREFIX)) {
      return null;
    }
    String rest = key.substring(CALL_PREFIX.length());
    if (rest.endsWith(LOG_SUFFIX)) {
      rest = rest.substring(0, rest.length() - LOG_SUFFIX.length());
    }
    return rest.indexOf(':') >= 0 || rest.isEmpty() ? null : rest;
  }

  /** Stream entry id of a seq. */
  public static String entryId(long seq) {
    return seq + "-0";
  }
}
