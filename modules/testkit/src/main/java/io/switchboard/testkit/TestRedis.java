package io.switchboard.testkit;

import io.switchboard.platform.redis.RedisServerProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An isolated real Redis (the embedded-redis binary, started by platform's
 * {@link RedisServerProcess} like the node's own embedded Redis) on a free port with keyspace
 * notifications on, for one test class. Never shares the machine's Redis, never FLUSHALLs anything
 * else, keeps nothing on disk. Can be stopped and restarted on the same port to test outages.
 */
public final class TestRedis implements AutoCloseable {
  private final int port;
  private final File dir;
  private final RedisServerProcess.Builder builder;
  private final Thread shutdownHook = new Thread(this::stop, "test-redis-shutdown");
  private volatile RedisServerProcess server;

  private TestRedis(int port, File dir) {
    this.port = port;
    this.dir = dir;
    this.builder = RedisServerProcess.builder().port(port).dir(dir).keyspaceEvents(io.switchboard.contract.live.RedisKeys.KEYSPACE_EVENTS)
        .streamNodeMaxBytes(RedisServerProcess.SMALL_STREAM_NODES);
  }

  public static TestRedis start() {
    try {
      TestRedis r = new TestRedis(FreePort.get(), Files.createTempDirectory("test-redis-").toFile());
      r.startServer();
      Runtime.getRuntime().addShutdownHook(r.shutdownHook);
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public void stop() {
    RedisServerProcess s = server;
    if (s != null) {
      s.stop();
      server = null;
    }
  }

  /** Starts again on the same port (after {@link #stop()}), empty. */
  public void restart() {
    stop();
    startServer();
  }

  private void startServer() {
    try {
      server = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook is running or ran
    }
    deleteQuietly(dir.toPath());
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp dir of logs is harmless
    }
  }
}
