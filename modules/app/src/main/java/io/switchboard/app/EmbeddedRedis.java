package io.switchboard.app;

import java.io.IOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * A real redis-server binary (shipped inside the embedded-redis jar) on a free loopback port, with
 * keyspace notifications on: the live-state store of a standalone node when REDIS_URL is not set.
 */
final class EmbeddedRedis implements AutoCloseable {
  private final RedisServer server;
  private final int port;

  private EmbeddedRedis(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  static EmbeddedRedis start(int requestedPort) {
    int port = requestedPort > 0 ? requestedPort : freePort();
    try {
      RedisServer server =
          RedisServer.newRedisServer()
              .bind("127.0.0.1")
              .port(port)
              .setting("notify-keyspace-events KEA")
              .setting("save \"\"")
              .setting("appendonly no")
              .onShutdownForceStop(true)
              .build();
      server.start();
      return new EmbeddedRedis(server, port);
    } catch (IOException | RuntimeException e) {
      throw new StartupException("cannot start embedded Redis on port " + port + ": " + ConfigLoader.rootMessage(e));
    }
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException e) {
      // the process is gone or going; nothing else to release
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new StartupException("no free port for embedded Redis: " + e.getMessage());
    }
  }
}
