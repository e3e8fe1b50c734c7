package io.switchboard.bench;

import io.switchboard.app.BenchNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Switchboard node ({@code io.switchboard.app.Main}) in its own JVM; stopped by its PID only. */
final class NodeProc implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final String name;

  private NodeProc(String name, Process process, Path out) {
    this.name = name;
    this.process = process;
    this.out = out;
  }

  static NodeProc start(String name, String redisUrl, String... args) throws IOException {
    return start(name, redisUrl, List.of(), args);
  }

  /** jvmArgs go before the main class (e.g. {@code -XX:StartFlightRecording=...}). */
  static NodeProc start(String name, String redisUrl, List<String> jvmArgs, String... args) throws IOException {
    Path dir = Path.of("bench", "target", "nodes");
    Files.createDirectories(dir);
    Path out = dir.resolve(name + ".log");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-Djava.io.tmpdir=" + new File(System.getProperty("java.io.tmpdir")).getAbsolutePath(),
        "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", "")));
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.switchboard.app.Main"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of(
        "--set", "agent.keys." + BenchNode.AGENT + "=" + BenchNode.AGENT_KEY,
        "--set", "ingest.rate.per.second=0", // one key drives every generated call
        "--set", "auth.jwt.secret=" + BenchNode.JWT_SECRET,
        "--set", "auth.demo.users=true",
        "--set", "mongo.embedded=memory",
        "--set", "reconcile.period.s=0",
        "--set", "http.host=127.0.0.1"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("SWITCHBOARD_") || k.endsWith("_URL") || k.startsWith("LIVEKIT_"));
    pb.environment().put("REDIS_URL", redisUrl);
    return new NodeProc(name, pb.start(), out);
  }

  void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(out) && Files.readString(out).contains("switchboard: ready")) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited " + process.exitValue() + ": " + tail());
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(name + " not ready in " + timeout + ": " + tail());
  }

  long pid() {
    return process.pid();
  }

  String tail() throws IOException {
    String s = Files.exists(out) ? Files.readString(out) : "";
    return s.length() > 1500 ? s.substring(s.length() - 1500) : s;
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
