package io.switchboard.contract.metrics;

import java.util.List;

/**
 * Every application metric Switchboard exports, as Micrometer names. Prometheus shows them with
 * dots as underscores plus the unit suffix: counters end in {@code _total}, timers in
 * {@code _seconds_count|_sum|_max|_bucket}, distribution summaries in {@code _count|_sum|_max}.
 * Vert.x's own metrics ({@code vertx_*}, e.g. {@code vertx_eventbus_pending}) and JVM metrics
 * ({@code jvm_*}) come on top. docs/operations.md lists them with their tags.
 */
public final class MetricNames {
  private MetricNames() {}

  /** Counter, tags type (event_type or "invalid"), result (ok, duplicate, or an error name). */
  public static final String INGEST_EVENTS = "switchboard.ingest.events";
  /** Timer: an ingest request from receipt to reply, tag result. */
  public static final String INGEST_LATENCY = "switchboard.ingest.latency";
  /**
   * Counter, tag outcome: how customers' final lines got their sentiment annotation — {@code inline}
   * (written with the line), {@code after} (a second write: this instance had no current view of the
   * call), {@code missed} (sentiment did not answer within the inline deadline; also a second write).
   */
  public static final String INGEST_SENTIMENT = "switchboard.ingest.sentiment";
  /** Timer: the atomic apply script against Redis, tag result (ok, error). */
  public static final String REDIS_WRITE_LATENCY = "switchboard.redis.write.latency";
  /** Timer: call ended (ended_at) → analytics acknowledged the archive. */
  public static final String ARCHIVE_LAG = "switchboard.archive.lag";
  /** Gauge: ended calls this node is still handing to analytics. */
  public static final String ARCHIVE_PENDING = "switchboard.archive.pending";

  /** Distribution summary: log lines per published room delta. */
  public static final String DEBOUNCER_FLUSH_LINES = "switchboard.debouncer.flush.lines";
  /** Timer: first change of a room → its delta published. */
  public static final String DEBOUNCER_FLUSH_DELAY = "switchboard.debouncer.flush.delay";
  /**
   * Counter, tag source: room flushes published from the change feed's records ({@code feed}) or
   * from a read of the room ({@code read}; docs/architecture.md#change-feed).
   */
  public static final String DEBOUNCER_FLUSHES = "switchboard.debouncer.flushes";
  /**
   * Counter: room flushes from the change feed that built no {@code call.<room>} delta because no
   * bridge socket watched the room (docs/architecture.md#watched-rooms); the call list still got them.
   */
  public static final String DEBOUNCER_UNWATCHED = "switchboard.debouncer.unwatched";
  /** Counter, tag kind (room, list): deltas published. */
  public static final String DELTAS_PUBLISHED = "switchboard.deltas.published";
  /** Counter, tag result: call.history requests answered. */
  public static final String HISTORY_REQUESTS = "switchboard.history.requests";
  /** Timer, tag result: call.history request → reply. */
  public static final String HISTORY_LATENCY = "switchboard.history.latency";

  /** Gauge: SockJS bridge sockets open on this node. */
  public static final String BRIDGE_SOCKETS = "switchboard.bridge.sockets";

  /** Timer, tag result: sentiment.analyze request → reply. */
  public static final String SENTIMENT_LATENCY = "switchboard.sentiment.latency";

  /** Counter, tags action, result (ok or the failure code name). */
  public static final String CONTROL_ACTIONS = "switchboard.control.actions";
  /** Timer, tags method (LiveKit RPC), result (ok, error). */
  public static final String LIVEKIT_LATENCY = "switchboard.livekit.latency";
  /** Counter, tags method, reason (refused, unreachable, timeout, error). */
  public static final String LIVEKIT_ERRORS = "switchboard.livekit.errors";

  /** Counter, tag result: LiveKit webhooks handled. */
  public static final String WEBHOOKS = "switchboard.webhooks";

  public static final List<String> ALL =
      List.of(
          INGEST_EVENTS, INGEST_LATENCY, INGEST_SENTIMENT, REDIS_WRITE_LATENCY, ARCHIVE_LAG, ARCHIVE_PENDING,
          DEBOUNCER_FLUSH_LINES, DEBOUNCER_FLUSH_DELAY, DEBOUNCER_FLUSHES, DEBOUNCER_UNWATCHED, DELTAS_PUBLISHED, HISTORY_REQUESTS, HISTORY_LATENCY,
          BRIDGE_SOCKETS, SENTIMENT_LATENCY, CONTROL_ACTIONS, LIVEKIT_LATENCY, LIVEKIT_ERRORS, WEBHOOKS);

  /** The Prometheus base name: {@code switchboard.ingest.events} → {@code switchboard_ingest_events}. */
  public static String prometheus(String name) {
    return name.replace('.', '_');
  }
}
