package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testkit.FreePort;
import io.switchboard.testkit.NodeProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad configuration: one clear line on stderr and exit code 2, never a stack-trace wall. */
class LauncherErrorsTest {

  private static String failWith(Map<String, String> env, String... args) throws Exception {
    try (NodeProcess node = NodeProcess.start("bad-" + System.nanoTime(), env, args)) {
      int code = node.awaitExit(Duration.ofSeconds(60));
      String err = node.stderr().strip();
      assertEquals(2, code, "exit code; stderr: " + err);
      assertEquals(1, err.lines().count(), "exactly one error line, got:\n" + err);
      assertTrue(err.startsWith("switchboard: error: "), err);
      assertTrue(!err.contains("\tat "), "no stack trace: " + err);
      return err;
    }
  }

  @Test
  void unknownVerticleNamesTheChoices() throws Exception {
    String err = failWith(Map.of(), "--verticles", "ingest,telepathy");
    assertTrue(err.contains("unknown verticle 'telepathy'"), err);
    assertTrue(err.contains("debouncer"), err);
  }

  @Test
  void portInUseSaysSo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
      String err =
          failWith(
              Map.of(),
              "--verticles", "gateway", "--http-port", String.valueOf(taken.getLocalPort()),
              "--set", "mongo.embedded=memory");
      assertTrue(err.contains("port " + taken.getLocalPort() + " is already in use"), err);
    }
  }

  @Test
  void unreachableRedisSaysWhere() throws Exception {
    String url = "redis://127.0.0.1:" + FreePort.get();
    String err = failWith(Map.of("REDIS_URL", url), "--verticles", "ingest");
    assertTrue(err.contains("Redis at " + url + " is unreachable"), err);
  }

  @Test
  void malformedSettingNamesTheVariable() throws Exception {
    String err = failWith(Map.of("SWITCHBOARD_HTTP_PORT", "eighty"), "--verticles", "gateway");
    assertTrue(err.contains("http.port") && err.contains("SWITCHBOARD_HTTP_PORT"), err);
  }

  @Test
  void missingOrBrokenConfigFile() throws Exception {
    String err = failWith(Map.of(), "--config", "does-not-exist.json");
    assertTrue(err.contains("config file not found"), err);
    Path broken = Files.createTempFile(Path.of("target"), "broken", ".json");
    Files.writeString(broken, "{ not json");
    String err2 = failWith(Map.of(), "--config", broken.toString());
    assertTrue(err2.contains("cannot read config file"), err2);
  }

  @Test
  void testkitsNodeProcessStartsThisLauncher() {
    // testkit cannot depend on app, so it names the main class and the ready line
    assertEquals(Main.class.getName(), NodeProcess.MAIN);
  }

  @Test
  void unknownFlag() throws Exception {
    String err = failWith(Map.of(), "--frobnicate");
    assertTrue(err.contains("--frobnicate"), err);
  }

  @Test
  void clusteredIngestWithoutSharedRedisIsRefused() throws Exception {
    String err = failWith(Map.of(), "--cluster", "--verticles", "ingest");
    assertTrue(err.contains("REDIS_URL"), err);
  }
}
