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
 */
public record DebouncerConfig(String redisUrl, int windowMs, int historyPageSize, int listWindowMs) {
  public static final String WINDOW_MS = "debouncer.window.ms";
  public static final String LIST_WINDOW_MS = "debouncer.list.window.ms";
  public static final String HISTORY_PAGE = "history.page.size";

  public static DebouncerConfig from(Settings s) {
    return new DebouncerConfig(
        s.string(CommonKeys.REDIS_URL, null),
        s.integer(WINDOW_MS, 50, 1, 5000),
        s.integer(HISTORY_PAGE, 5000, 10, 100_000),
        s.integer(LIST_WINDOW_MS, 20, 1, 5000));
  }
}
