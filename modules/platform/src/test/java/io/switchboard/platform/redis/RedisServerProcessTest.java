package io.switchboard.platform.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The redis-server child: the options it is given, what survives a restart with and without an append-only file. */
class RedisServerProcessTest {

  /** One inline command, its raw RESP answer. */
  private static String command(int port, String line) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[256];
      int n = in.read(buf);
      return new String(buf, 0, n, StandardCharsets.US_ASCII);
    }
  }

  @Test
  void anAppendOnlyServerKeepsAcknowledgedWritesAcrossARestartOnTheSamePort(@TempDir Path dir) throws Exception {
    RedisServerProcess.Builder builder = RedisServerProcess.builder().dir(dir.toFile()).appendOnly("everysec").keyspaceEvents("KEA").streamNodeMaxBytes(512);
    int port;
    try (RedisServerProcess first = builder.start()) {
      port = first.port();
      assertTrue(port > 0 && first.isAlive());
      assertEquals("+OK\r\n", command(port, "SET greeting hello"));
      assertTrue(command(port, "CONFIG GET notify-keyspace-events").contains("AKE"), "keyspace notifications on");
      assertTrue(command(port, "CONFIG GET appendfsync").contains("everysec"));
      assertTrue(command(port, "CONFIG GET stream-node-max-bytes").contains("\r\n512\r\n"), "small stream nodes");
    }
    try (RedisServerProcess second = builder.port(port).start()) {
      assertEquals(port, second.port());
      assertEquals("$5\r\nhello\r\n", command(port, "GET greeting"), "reloaded from appendonly.aof");
    }
    assertTrue(dir.resolve("redis.log").toFile().isFile(), "its log is in its directory");
  }

  @Test
  void withoutAnAppendOnlyFileEveryStartIsEmpty(@TempDir Path dir) throws Exception {
    RedisServerProcess.Builder builder = RedisServerProcess.builder().dir(dir.toFile());
    RedisServerProcess first = builder.start();
    int port = first.port();
    assertEquals("+OK\r\n", command(port, "SET greeting hello"));
    first.stop();
    assertFalse(first.isAlive(), "stop returns once the child is gone");
    try (RedisServerProcess second = builder.port(port).start()) {
      assertEquals("$-1\r\n", command(port, "GET greeting"));
      assertTrue(command(port, "CONFIG GET appendonly").contains("no"));
    }
  }

  @Test
  void aChildThatCannotStartIsAnErrorNamingItsLog(@TempDir Path dir) throws Exception {
    try (RedisServerProcess first = RedisServerProcess.builder().dir(dir.resolve("a").toFile()).start()) {
      // the port is taken: the second child exits at once
      IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
          () -> RedisServerProcess.builder().port(first.port()).dir(dir.resolve("b").toFile()).start().close());
      assertTrue(e.getMessage().startsWith("redis-server exited with "), e.getMessage());
      assertTrue(e.getMessage().contains("redis.log"), e.getMessage());
    }
  }
}
