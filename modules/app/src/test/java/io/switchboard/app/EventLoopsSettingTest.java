package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.testkit.TestRedis;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code event.loops} sizes the node's event-loop pool; one per core without it. */
class EventLoopsSettingTest {
  @Test
  void eventLoopsSetsThePoolSize() throws Exception {
    try (TestRedis redis = TestRedis.start();
        TestNode one = TestNode.start(redis.url(), "ingest", new JsonObject().put("event.loops", 1));
        TestNode dflt = TestNode.start(redis.url(), "ingest", new JsonObject())) {
      assertEquals(1, loops(one));
      assertEquals(Runtime.getRuntime().availableProcessors(), loops(dflt), "one per core");
    }
  }

  private static int loops(TestNode node) {
    Set<Object> loops = new HashSet<>();
    ((VertxInternal) node.node().vertx()).nettyEventLoopGroup().forEach(loops::add);
    return loops.size();
  }
}
