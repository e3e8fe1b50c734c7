package io.switchboard.bench.chaos;

import io.switchboard.testkit.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link MongoProcMain} in its own JVM on a fixed free port: started, {@code kill -9}ed, started again; stopped by pid. */
final class MongoProc implements AutoCloseable {
  private final int port = FreePort.get();
  private final Path log;
  private Process process;

  MongoProc(Path dir) throws IOException {
    Files.createDirectories(dir);
    this.log = dir.resolve("mongo.log");
  }

  String url() {
    return "mongodb://127.0.0.1:" + port;
  }

  MongoProc start() throws Exception {
    process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
            "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), MongoProcMain.class.getName(), String.valueOf(port)))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      if (Files.exists(log) && Files.readString(log).split("mongo ready", -1).length > startCount + 1) {
        return this;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("MongoDB-protocol server exited: " + Files.readString(log));
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("MongoDB-protocol server not ready in 60 s");
  }

  /** How many times it was killed: each start waits for one more "mongo ready" line in the log. */
  private int startCount;

  void kill9() throws InterruptedException {
    startCount++;
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
