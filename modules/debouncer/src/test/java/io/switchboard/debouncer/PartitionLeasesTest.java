package io.switchboard.debouncer;

import static io.switchboard.testkit.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testkit.RedisPerClass;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly one debouncer publishes for a room: two instances share the partitions without overlap
 * and cover all of them; when one dies without releasing, the other takes its partitions once the
 * leases expire.
 */
@ExtendWith(VertxExtension.class)
class PartitionLeasesTest {
  @RegisterExtension
  static final RedisPerClass redis = new RedisPerClass();

  @Test
  void twoInstancesSplitThePartitionsAndTheSurvivorTakesOverADeadOnesShare() throws Exception {
    Vertx a = Vertx.vertx();
    Vertx b = Vertx.vertx();
    try {
      PartitionLeases leasesA = new PartitionLeases(a, redis.connect(a), "node-a", p -> { }, p -> { });
      PartitionLeases leasesB = new PartitionLeases(b, redis.connect(b), "node-b", p -> { }, p -> { });
      a.runOnContext(v -> leasesA.start());
      b.runOnContext(v -> leasesB.start());

      // a balanced split is reached within a few renew periods
      eventually("a balanced split", Duration.ofMillis(4 * PartitionLeases.RENEW_MS + PartitionLeases.TTL_MS),
          () -> leasesA.owned().size() == 16 && leasesB.owned().size() == 16);
      Set<Integer> ownedA = leasesA.owned();
      Set<Integer> ownedB = leasesB.owned();
      Set<Integer> overlap = new HashSet<>(ownedA);
      overlap.retainAll(ownedB);
      assertTrue(overlap.isEmpty(), "no partition has two publishers: " + overlap);
      Set<Integer> all = new HashSet<>(ownedA);
      all.addAll(ownedB);
      assertEquals(IntStream.range(0, PartitionLeases.PARTITIONS).boxed().collect(java.util.stream.Collectors.toSet()), all, "every partition has a publisher");
      assertEquals(16, ownedA.size(), "fair share");

      // node B dies: no release, its leases simply stop being renewed
      b.close().await(10, TimeUnit.SECONDS);
      long died = System.currentTimeMillis();
      eventually("the survivor takes every partition", Duration.ofMillis(3 * PartitionLeases.TTL_MS),
          () -> leasesA.owned().size() == PartitionLeases.PARTITIONS);
      long took = System.currentTimeMillis() - died;
      assertEquals(PartitionLeases.PARTITIONS, leasesA.owned().size(), "the survivor publishes for every room");
      assertTrue(took <= PartitionLeases.TTL_MS * 2 + PartitionLeases.RENEW_MS * 2, "fail-over took " + took + " ms");
    } finally {
      a.close().await(10, TimeUnit.SECONDS);
    }
  }
}
