package io.switchboard.bench.chaos;

import io.switchboard.testkit.FreePort;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * An external redis-server (the binary shipped in the embedded-redis jar, run as a process of its
 * own on a free loopback port) with an append-only file, as a production Redis would have one.
 * {@link #kill9()} then {@link #start()} again is the outage; stopped by its pid.
 */
final class RedisProc implements AutoCloseable {
  private final int port = FreePort.get();
  private final Path dir;
  private Process process;

  RedisProc(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  long pid() {
    return process == null ? -1 : process.pid();
  }

  RedisProc start() throws IOException, InterruptedException {
    File binary = ExecutableProvider.newJarResourceProvider().get();
    process = new ProcessBuilder(List.of(binary.getAbsolutePath(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
            "--dir", dir.toAbsolutePath().toString(), "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
            "--notify-keyspace-events", "KEA", "--logfile", "redis.log"))
        .directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.stdout").toFile())).start();
    long deadline = System.currentTimeMillis() + 30_000;
    while (!pong(port)) {
      if (!process.isAlive() || System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("external redis-server did not start on " + port);
      }
      Thread.sleep(20);
    }
    return this;
  }

  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Whether a Redis on {@code port} answers PING with PONG (not LOADING). */
  static boolean pong(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[64];
      int n = in.read(buf);
      return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
