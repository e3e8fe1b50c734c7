package io.switchboard.bench.chaos;

import io.switchboard.platform.redis.RedisServerProcess;
import io.switchboard.testkit.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An external redis-server (platform {@link RedisServerProcess}: the binary shipped in the
 * embedded-redis jar, its own process on a free loopback port) with an append-only file, as a
 * production Redis would have one. {@link #kill9()} then {@link #start()} again on the same port
 * and directory is the outage; stopped by its pid.
 */
final class RedisProc implements AutoCloseable {
  private final int port = FreePort.get();
  private final Path dir;
  private RedisServerProcess process;

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

  RedisProc start() throws IOException {
    process = RedisServerProcess.builder().port(port).dir(dir.toFile()).appendOnly("everysec").keyspaceEvents(io.switchboard.contract.live.RedisKeys.KEYSPACE_EVENTS)
        .readyTimeoutMs(30_000).start();
    return this;
  }

  void kill9() {
    process.kill();
  }

  /** Whether a Redis on {@code port} answers PING with PONG (not LOADING). */
  static boolean pong(int port) {
    return RedisServerProcess.pong(port);
  }

  @Override
  public void close() {
    if (process != null) {
      process.stop();
    }
  }
}
