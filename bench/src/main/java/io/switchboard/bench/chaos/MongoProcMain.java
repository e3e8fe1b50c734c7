package io.switchboard.bench.chaos;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The MongoDB-protocol server (mongo-java-server, in-memory backend: what a restarted server
 * without the data would be) as a process of its own, so a scenario can {@code kill -9} it.
 * Usage: {@code MongoProcMain <port>}; prints {@code mongo ready} and serves until killed.
 */
public final class MongoProcMain {
  private MongoProcMain() {}

  public static void main(String[] args) throws Exception {
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", Integer.parseInt(args[0]));
    System.out.println("mongo ready on " + server.getLocalAddress());
    Thread.currentThread().join();
  }
}
