package io.switchboard.debouncer;

/**
 * How fast call-list changes leave one debouncer instance (docs/event-bus.md#calls-active-pacing).
 *
 * @param windowMs every change waits this long to be batched with the others into one delta
 * @param routineMinMs a listed call's routine-only changes wait at least this long after its last
 *     upsert (0 = not at all)
 * @param routinePerS routine upserts per second the instance aims to stay under: the period grows
 *     with the number of listed calls beyond it
 */
record ListPacing(int windowMs, int routineMinMs, int routinePerS) {
  static ListPacing of(DebouncerConfig cfg) {
    return new ListPacing(cfg.listWindowMs(), cfg.listRoutineMs(), cfg.listRoutinePerS());
  }

  /** Every change in its window, none held (the list as it was before pacing; tests of batching). */
  static ListPacing windowOnly(int windowMs) {
    return new ListPacing(windowMs, 0, 1);
  }

  /** A listed call's routine period with {@code listed} calls on this instance: 0 when pacing is off. */
  long routinePeriodMs(long listed) {
    if (routineMinMs == 0) {
      return 0;
    }
    return Math.max(routineMinMs, listed * 1000 / routinePerS);
  }
}
