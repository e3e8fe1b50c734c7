package io.switchboard.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;

/**
 * The one way tests wait: poll a condition with Awaitility until it holds ({@link #eventually}),
 * or check over a bounded window that something does not happen ({@link #never}). A fixed sleep
 * proves nothing (too short on a loaded machine, too long everywhere else); a wait for a
 * condition ends as soon as the behaviour is observed and fails with what was last seen.
 *
 * <p>Before a negative assertion prefer a positive marker that proves it (a later event arrived,
 * so the earlier one would have too) and wait for that with {@link #eventually}; use {@link
 * #never} only where no such marker exists.
 */
public final class Eventually {
  /** How often conditions are polled: short against a 50 ms debounce window, cheap on 2 cores. */
  public static final Duration POLL = Duration.ofMillis(20);

  private Eventually() {}

  /** Waits until {@code assertion} passes (its last AssertionError is the failure's cause). */
  public static void eventually(String what, Duration atMost, ThrowingRunnable assertion) {
    Awaitility.await(what).atMost(atMost).pollInterval(POLL).pollDelay(Duration.ZERO).untilAsserted(assertion);
  }

  /** Waits until {@code condition} is true. */
  public static void eventually(String what, Duration atMost, Callable<Boolean> condition) {
    Awaitility.await(what).atMost(atMost).pollInterval(POLL).pollDelay(Duration.ZERO).until(condition);
  }

  /** Waits until {@code supplier} returns a non-null value and returns it. */
  public static <T> T eventuallyGet(String what, Duration atMost, Callable<T> supplier) {
    return Awaitility.await(what).atMost(atMost).pollInterval(POLL).pollDelay(Duration.ZERO).until(supplier, v -> v != null);
  }

  /**
   * Waits until {@code value} has not changed for {@code quiet} and returns it: for a count that
   * asynchronous work (e.g. sentiment annotations) keeps raising for a while, when no event marks
   * its end.
   */
  public static <T> T settled(String what, Duration quiet, Duration atMost, Callable<T> value) throws Exception {
    AtomicReference<T> last = new AtomicReference<>(value.call());
    long[] since = {System.nanoTime()};
    Awaitility.await(what).atMost(atMost).pollInterval(POLL).pollDelay(Duration.ZERO).until(() -> {
      T now = value.call();
      if (!Objects.equals(now, last.get())) {
        last.set(now);
        since[0] = System.nanoTime();
        return false;
      }
      return System.nanoTime() - since[0] >= quiet.toNanos();
    });
    return last.get();
  }

  /**
   * Fails as soon as {@code happened} becomes true within {@code window}; passes when it stayed
   * false for the whole window. A bounded check, for negatives with no later event to wait for.
   */
  public static void never(String what, Duration window, Callable<Boolean> happened) {
    // once seen it stays seen: a blip inside the window fails the check even if it goes away
    AtomicBoolean seen = new AtomicBoolean();
    Awaitility.await(what)
        .during(window)
        .atMost(window.plus(Duration.ofSeconds(1)))
        .pollInterval(POLL)
        .pollDelay(Duration.ZERO)
        .until(() -> {
          if (!seen.get() && happened.call()) {
            seen.set(true);
          }
          return !seen.get();
        });
  }
}
