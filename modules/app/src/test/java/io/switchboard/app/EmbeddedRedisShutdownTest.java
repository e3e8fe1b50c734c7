package io.switchboard.app;

import io.switchboard.testkit.NodeProcess;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM stops the embedded Redis for good. Found by scripts/chaos: the JVM's shutdown hook
 * stopped the child, the supervisor took that for a crash and started a new redis-server, which
 * outlived the node (an orphan holding the port and the append-only file). scripts/check-run did
 * not see it: it only checks the children that existed before the SIGTERM.
 */
class EmbeddedRedisShutdownTest {

  @Test
  void sigtermLeavesNoRedisServerBehind(@TempDir Path data) throws Exception {
    for (int round = 0; round < 2; round++) {
      Path dir = data.resolve("round-" + round);
      try (NodeProcess node = NodeProcess.start("redis-shutdown-" + round, Map.of(),
          "--verticles", "ingest", "--set", "data.dir=" + dir, "--set", "mongo.embedded=memory")) {
        node.awaitReady(Duration.ofSeconds(90));
        assertTrue(redisServersOf(dir).size() == 1, "the node runs its Redis: " + redisServersOf(dir));
        node.terminate();
        node.awaitExit(Duration.ofSeconds(30)); // 143: SIGTERM
        // the JVM has exited: anything it started is already there to see
        List<ProcessHandle> left = redisServersOf(dir);
        left.forEach(ProcessHandle::destroyForcibly);
        assertTrue(left.isEmpty(), "redis-server left running after SIGTERM: " + left);
      }
    }
  }

  /** Processes running in {@code dir}/redis (the embedded Redis child is started there), from /proc. */
  private static List<ProcessHandle> redisServersOf(Path dir) {
    Path redisDir = dir.resolve("redis").toAbsolutePath();
    return ProcessHandle.allProcesses()
        .filter(p -> p.isAlive() && redisDir.equals(cwd(p)))
        .toList();
  }

  private static Path cwd(ProcessHandle p) {
    try {
      return java.nio.file.Files.readSymbolicLink(Path.of("/proc", String.valueOf(p.pid()), "cwd"));
    } catch (java.io.IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
