package io.switchboard.debouncer;

import io.switchboard.platform.config.CommonKeys;
import io.switchboard.platform.config.Settings;

/**
 * Settings of the debouncer verticle.
 *
 * @param redisUrl live-state Redis (keyspace notifications are switched on when allowed)
 * @param windowMs per-room coalescing window ({@code debouncer.window.ms}, default 50)
 * @param historyPageSize most lines in one {@code call.history} reply ({@code history.page.size})
 * @param listWindowMs how long call-list changes of rooms flushed close together are batched into
 *     one {@code calls.active} delta ({@code debouncer.list.window.ms}, default 20). It runs after a
 *     room's own window, so it adds to the list's latency; it bounds the message rate per dashboard.
 * @param listRoutineMs how long a listed call's routine changes (interim, agent state, score, last
 *     seq: {@code CallFields.ROUTINE_SUMMARY_FIELDS}) wait at least before they go out on
 *     {@code calls.active} ({@code debouncer.list.routine.ms}, default 1000; 0 = every change at
 *     once); any other change of the call goes at once and takes them along
 * @param listRoutinePerS the routine upserts per second one instance aims to stay under
 *     ({@code debouncer.list.routine.per.s}, default 1000): with more listed calls than that, each
 *     call's routine period grows to calls / budget seconds, so a dashboard's list traffic stays
 *     bounded however many calls there are (docs/event-bus.md#calls-active-pacing)
 */
public record DebouncerConfig(String redisUrl, int windowMs, int historyPageSize, int listWindowMs, int listRoutineMs, int listRoutinePerS) {
  public static final String WINDOW_MS = "debouncer.window.ms";
  public static final String LIST_WINDOW_MS = "debouncer.list.window.ms";
  public static final String LIST_ROUTINE_MS = "debouncer.list.routine.ms";
  public static final String LIST_ROUTINE_PER_S = "debouncer.list.routine.per.s";
  public static final String HISTORY_PAGE = "history.page.size";

  public static DebouncerConfig from(Settings s) {
    return new DebouncerConfig(
        s.string(CommonKeys.REDIS_URL, null),
        s.integer(WINDOW_MS, 50, 1, 5000),
        s.integer(HISTORY_PAGE, 5000, 10, 100_000),
        s.integer(LIST_WINDOW_MS, 20, 1, 5000),
        s.integer(LIST_ROUTINE_MS, 1000, 0, 60_000),
        s.integer(LIST_ROUTINE_PER_S, 1000, 1, 1_000_000));
  }
}
