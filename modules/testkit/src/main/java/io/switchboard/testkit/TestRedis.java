package io.switchboard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/**
 * An isolated real Redis (embedded-redis binary) on a free port with keyspace notifications on,
 * for one test class. Never shares the machine's Redis, never FLUSHALLs anything else. Can be
 * stopped and restarted on the same port to test outages.
 */
public final class TestRedis implements AutoCloseable {
  private final int port;
  private RedisServer server;

  private TestRedis(int port) {
    this.port = port;
  }

  public static TestRedis start() {
    TestRedis r = new TestRedis(FreePort.get());
    r.startServer();
    return r;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public void stop() {
    if (server != null) {
      try {
        server.stop();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
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
      server =
          RedisServer.newRedisServer()
              .bind("127.0.0.1")
              .port(port)
              .setting("notify-keyspace-events KEA")
              .setting("save \"\"")
              .setting("appendonly no")
              .onShutdownForceStop(true)
              .build();
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
