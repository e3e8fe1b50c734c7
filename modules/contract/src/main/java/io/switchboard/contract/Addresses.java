package io.switchboard.contract;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Every event-bus address of Switchboard. This class is the map of the bus: if an address is not
 * here, nothing may use it.
 *
 * <p>Point-to-point addresses are request-reply and load-balanced by the bus across every node that
 * runs the owning verticle (that is how adding nodes adds capacity). Publish addresses fan out to
 * every subscriber, including browsers through the SockJS bridge.
 */
public final class Addresses {
  private Addresses() {}

  // ---- request-reply (point-to-point) -------------------------------------------------------

  /** gateway/webhook-receiver/agents → ingest. Body: {@link CallEvent} JSON. Reply: ack. */
  public static final String INGEST_CALL_EVENT = "ingest.call-event";
  /** gateway → webhook-receiver. Body: {body, authorization}. Reply: ack or 401/400 failure. */
  public static final String WEBHOOK_LIVEKIT = "webhook.livekit";
  /** ingest → sentiment. Body: one user utterance. Reply: sentiment annotation. */
  public static final String SENTIMENT_ANALYZE = "sentiment.analyze";
  /** client → debouncer. Body: {room, fromSeq?, limit?}. Reply: {snapshot, lines, lastSeq}. */
  public static final String CALL_HISTORY = "call.history";
  /** client → debouncer. Body: {}. Reply: {calls:[summary…], version}. */
  public static final String CALLS_SNAPSHOT = "calls.snapshot";
  /** ingest → analytics. Body: archived call. Reply: ack once stored (at-least-once, retried). */
  public static final String CALL_ENDED = "call.ended";
  /** client/gateway → analytics. Body: KPI query. Reply: KPI result. */
  public static final String ANALYTICS_QUERY = "analytics.query";
  /** control → analytics. Body: audit record. Reply: ack. */
  public static final String AUDIT_RECORD = "audit.record";
  /** gateway (admin) → analytics. Body: audit filters and page. Reply: {items, total}. */
  public static final String AUDIT_QUERY = "audit.query";
  /**
   * browser, gateway → analytics. Body: {@link io.switchboard.contract.analytics.CallSearchQuery}.
   * Reply: {@code {v, items:[call summary + snippets], next_cursor, total?, mode}} (docs/event-bus.md).
   */
  public static final String ARCHIVE_SEARCH = "archive.search";
  /** browser, gateway → analytics. Body: {@code {call_id}}. Reply: {@code {v, call, audit}}; 404 when unknown. */
  public static final String ARCHIVE_CALL = "archive.call";

  /** gateway → rules. Body: {}. Reply: {rules:[rule…], status}. */
  public static final String RULES_LIST = "rules.list";
  /** gateway (admin) → rules. Body: {rule, create?, by}. Reply: the stored rule, or 400 with {pointer, message}. */
  public static final String RULES_SAVE = "rules.save";
  /** gateway (admin) → rules. Body: {id, by}. Reply: {deleted:id}. */
  public static final String RULES_DELETE = "rules.delete";
  /** gateway (admin) → rules. Body: {id, enabled, by}. Reply: the stored rule. */
  public static final String RULES_ENABLE = "rules.enable";
  /** gateway (admin) → rules. Body: {rule, transcript}. Reply: {fired:[{line, seq, condition}], lines}. */
  public static final String RULES_TEST = "rules.test";

  /** Prefix of the supervisor actions served by the control verticle ({@code control.<action>}). */
  public static final String CONTROL_PREFIX = "control.";
  public static final String CONTROL_LISTEN = "control.listen";
  public static final String CONTROL_GUIDE = "control.guide";
  public static final String CONTROL_TAKEOVER = "control.takeover";
  public static final String CONTROL_HANDBACK = "control.handback";
  public static final String CONTROL_TRANSFER = "control.transfer";
  public static final String CONTROL_END = "control.end";

  /**
   * room observer → control. Body: {@link io.switchboard.contract.observer.ObserverTokenRequest}.
   * Reply: {@link io.switchboard.contract.observer.ObserverToken} (a hidden LiveKit token with the
   * {@code canManageAgentSession} grant, only for a room LiveKit has live now).
   */
  public static final String OBSERVER_TOKEN = "observer.token";
  /** room observer → control. Body: {}. Reply: {@link io.switchboard.contract.observer.LiveRooms}. */
  public static final String OBSERVER_ROOMS = "observer.rooms";

  /** Prefix of per-verticle health probes ({@code health.<verticle>}): every verticle answers. */
  public static final String HEALTH_PREFIX = "health.";

  // ---- publish (fan-out) ----------------------------------------------------------------------

  /** List deltas of live calls: {@code {v, upserts:[…], removed:[room…]}}. */
  public static final String CALLS_ACTIVE = "calls.active";
  /**
   * gateway → every debouncer instance: rooms some bridge socket receives {@code call.<room>} of
   * ({@link io.switchboard.contract.live.WatchedRooms}). A debouncer builds a room's deltas only
   * while it is watched (docs/architecture.md#watched-rooms).
   */
  public static final String CALLS_WATCHED = "calls.watched";
  /** Escalation alerts for every supervisor. */
  public static final String ALERTS = "alerts";
  /**
   * ingest → every rules instance: one stored call event ({room, session_id, seq, type, data, at}).
   * Fan-out: each instance keeps the call's rule state; ingest's per-call de-duplication of
   * {@code rule_fired} decides which instance's firing counts.
   */
  public static final String RULES_OBSERVE = "rules.observe";
  /** rules → every rules instance: the stored rules changed ({id, by}); each reloads them. */
  public static final String RULES_CHANGED = "rules.changed";

  private static final String CALL_PREFIX = "call.";

  /** Room deltas: {@code {v, room, fromSeq, toSeq, lines, fields, removed?}}. */
  public static String call(String room) {
    return CALL_PREFIX + RoomNames.require(room);
  }

  /** Ephemeral agent debug events of one room (not stored). */
  public static String callDebug(String room) {
    return CALL_PREFIX + RoomNames.require(room) + ".debug";
  }

  /** Control messages to the agent of one room: guide / pause / resume / end. */
  public static String agentControl(String room) {
    return "agent." + RoomNames.require(room) + ".control";
  }

  /** Health probe of one verticle kind. */
  public static String health(VerticleName verticle) {
    return HEALTH_PREFIX + verticle.id();
  }

  /**
   * Every fixed point-to-point address, served by a verticle. No bridge client may ever consume
   * one: a socket registered on it would become one more consumer and take its share of other
   * clients' requests (with their identity headers). See {@link #isServiceAddress(String)}.
   */
  public static final List<String> SERVICE_ADDRESSES =
      List.of(
          INGEST_CALL_EVENT, WEBHOOK_LIVEKIT, SENTIMENT_ANALYZE, CALL_HISTORY, CALLS_SNAPSHOT, CALL_ENDED, ANALYTICS_QUERY, AUDIT_RECORD, AUDIT_QUERY,
          ARCHIVE_SEARCH, ARCHIVE_CALL,
          CONTROL_LISTEN, CONTROL_GUIDE, CONTROL_TAKEOVER, CONTROL_HANDBACK, CONTROL_TRANSFER, CONTROL_END,
          OBSERVER_TOKEN, OBSERVER_ROOMS, RULES_LIST, RULES_SAVE, RULES_DELETE, RULES_ENABLE, RULES_TEST,
          // fan-out among the rules instances, but as internal as a service address: rules.observe carries transcript text
          RULES_OBSERVE, RULES_CHANGED,
          // fan-out from the gateways to the debouncers; no client has a reason to hear it
          CALLS_WATCHED);

  /** True for an address some verticle consumes point-to-point: a fixed one, control.* or health.*. */
  public static boolean isServiceAddress(String address) {
    return address != null
        && (SERVICE_ADDRESSES.contains(address) || address.startsWith(CONTROL_PREFIX) || address.startsWith(HEALTH_PREFIX));
  }

  /**
   * Regex matching {@link #call(String)} addresses (used by the bridge's permitted list). The
   * lookahead keeps it from matching the fixed {@code call.*} service addresses even if a rule
   * elsewhere were to admit them: a room name can never equal a {@link RoomNames#RESERVED} word.
   */
  public static final String CALL_REGEX = "call\\.(?!(?:" + String.join("|", RoomNames.RESERVED_SORTED) + ")$)" + RoomNames.REGEX;
  /** Regex matching {@link #callDebug(String)} addresses. */
  public static final String CALL_DEBUG_REGEX = "call\\." + RoomNames.REGEX + "\\.debug";
  /** Regex matching {@link #agentControl(String)} addresses. */
  public static final String AGENT_CONTROL_REGEX = "agent\\." + RoomNames.REGEX + "\\.control";

  private static final Pattern ROOM_ADDRESS = Pattern.compile(CALL_REGEX);

  /** The room of a {@code call.<room>} address, or null when the address is not one. */
  public static String roomOf(String address) {
    if (address == null || !ROOM_ADDRESS.matcher(address).matches()) {
      return null;
    }
    return address.substring(CALL_PREFIX.length());
  }
}
