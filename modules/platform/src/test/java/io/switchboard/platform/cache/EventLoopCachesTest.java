package io.switchboard.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.benmanes.caffeine.cache.Cache;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLoopCachesTest {
  @Test
  void upkeepRunsOnTheThreadThatTriggeredIt() {
    List<Thread> evictedOn = Collections.synchronizedList(new ArrayList<>());
    Cache<Integer, Integer> cache = EventLoopCaches.newBuilder()
        .maximumSize(10)
        .<Integer, Integer>removalListener((k, v, cause) -> evictedOn.add(Thread.currentThread()))
        .build();
    for (int i = 0; i < 1_000; i++) {
      cache.put(i, i);
    }
    // eviction is upkeep: with the default executor it happens later, on a fork-join pool thread
    assertEquals(990, evictedOn.size(), "every eviction happened within the puts");
    assertEquals(List.of(Thread.currentThread()), evictedOn.stream().distinct().toList());
  }
}
