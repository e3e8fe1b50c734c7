package io.switchboard.testkit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** An in-memory MongoDB wire-protocol server (mongo-java-server) on a free loopback port. */
public final class TestMongo implements AutoCloseable {
  private final MongoServer server;
  private final int port;

  private TestMongo(MongoServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static TestMongo start() {
    return startOn(0);
  }

  /** Starts on a given port (0 = any), e.g. to bring a "dead" Mongo back on the same port. */
  public static TestMongo startOn(int port) {
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", port);
    return new TestMongo(server, server.getLocalAddress().getPort());
  }

  public String url() {
    return "mongodb://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
