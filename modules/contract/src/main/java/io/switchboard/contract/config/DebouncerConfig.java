package io.switchboard.contract.config;

/**
 * Settings of the debouncer verticle.
 *
 * @param redisUrl live-state Redis (keyspace notifications are switched on when allowed)
 * @param windowMs per-room coalescing window ({@code debouncer.window.ms}, default 50)
 * @param historyPageSize most lines in one {@code call.history} reply ({@code history.page.size})
 */
public record DebouncerConfig(String redisUrl, int windowMs, int historyPageSize) {
  public static final String WINDOW_MS = "debouncer.window.ms";
  public static final String HISTORY_PAGE = "history.page.size";

  public static DebouncerConfig from(Settings s) {
    return new DebouncerConfig(
        s.string(CommonKeys.REDIS_URL, null),
        s.integer(WINDOW_MS, 50, 1, 5000),
        s.integer(HISTORY_PAGE, 5000, 10, 100_000));
  }
}
