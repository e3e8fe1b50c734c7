package io.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/** The waits themselves: each passes on the behaviour and fails without it. */
class EventuallyTest {
  @Test
  void eventuallyPassesOnceTheConditionHoldsAndFailsWithTheLastAssertion() {
    AtomicInteger polls = new AtomicInteger();
    Eventually.eventually("the third poll", Duration.ofSeconds(5), () -> polls.incrementAndGet() >= 3);
    assertEquals(3, polls.get(), "stops polling as soon as it holds");

    ConditionTimeoutException e = assertThrows(ConditionTimeoutException.class,
        () -> Eventually.eventually("never true", Duration.ofMillis(100), () -> assertEquals(1, 2, "the last assertion")));
    assertTrue(String.valueOf(e.getCause()).contains("the last assertion"), String.valueOf(e.getCause()));
  }

  @Test
  void eventuallyGetReturnsTheFirstNonNullValue() {
    AtomicInteger polls = new AtomicInteger();
    assertEquals("2", Eventually.eventuallyGet("a value", Duration.ofSeconds(5), () -> polls.incrementAndGet() < 2 ? null : String.valueOf(polls.get())));
  }

  @Test
  void neverPassesWhenNothingHappensAndFailsOnABlipThatGoesAway() {
    long t0 = System.nanoTime();
    Eventually.never("nothing", Duration.ofMillis(200), () -> false);
    assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(200).toNanos(), "checks the whole window");

    AtomicInteger polls = new AtomicInteger();
    assertThrows(ConditionTimeoutException.class, () -> Eventually.never("a blip", Duration.ofMillis(200), () -> polls.incrementAndGet() == 2));
  }

  @Test
  void settledWaitsForTheValueToStopChanging() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    long value = Eventually.settled("a count", Duration.ofMillis(100), Duration.ofSeconds(5), () -> Math.min(polls.incrementAndGet(), 5));
    assertEquals(5, value);
    assertThrows(ConditionTimeoutException.class,
        () -> Eventually.settled("a count that keeps rising", Duration.ofMillis(100), Duration.ofMillis(300), polls::incrementAndGet));
  }
}
