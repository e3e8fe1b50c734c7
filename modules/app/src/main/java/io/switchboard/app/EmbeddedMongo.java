package io.switchboard.app;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.File;
import java.net.InetSocketAddress;

/**
 * An in-process MongoDB wire-protocol server (mongo-java-server) for a standalone node when
 * MONGO_URL is not set. File-backed (H2) by default so the archive survives restarts; in-memory
 * when {@code mongo.embedded=memory}.
 */
final class EmbeddedMongo implements AutoCloseable {
  private final MongoServer server;
  private final MongoBackend backend;
  private final String url;

  private EmbeddedMongo(MongoServer server, MongoBackend backend, String url) {
    this.server = server;
    this.backend = backend;
    this.url = url;
  }

  static EmbeddedMongo start(String mode, File dataDir) {
    MongoBackend backend;
    if ("memory".equals(mode)) {
      backend = new MemoryBackend();
    } else if ("file".equals(mode)) {
      if (!dataDir.isDirectory() && !dataDir.mkdirs()) {
        throw new StartupException("cannot create data directory " + dataDir.getAbsolutePath());
      }
      File db = new File(dataDir, "archive.mv");
      try {
        backend = new H2Backend(db.getAbsolutePath());
      } catch (RuntimeException e) {
        throw new StartupException(
            "cannot open embedded MongoDB file " + db.getAbsolutePath() + " (is another node using it?): " + ConfigLoader.rootMessage(e));
      }
    } else {
      throw new StartupException("setting mongo.embedded: expected file or memory, got '" + mode + "'");
    }
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", 0);
    InetSocketAddress address = server.getLocalAddress();
    return new EmbeddedMongo(server, backend, "mongodb://127.0.0.1:" + address.getPort());
  }

  String url() {
    return url;
  }

  @Override
  public void close() {
    server.shutdownNow();
    backend.close();
  }
}
