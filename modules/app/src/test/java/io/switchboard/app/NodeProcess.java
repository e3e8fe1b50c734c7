package io.switchboard.app;

import io.switchboard.testkit.Eventually;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/** A Switchboard node in its own JVM, started from the test class path; stopped by PID. */
final class NodeProcess implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final Path err;

  private NodeProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  static NodeProcess start(String name, Map<String, String> env, String... args) throws IOException {
    Path dir = Path.of("target", "nodes");
    Files.createDirectories(dir);
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-Djava.io.tmpdir=" + new File("target").getAbsolutePath());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    // a clean environment: only what the test passes (plus PATH/HOME for the JVM)
    Map<String, String> penv = pb.environment();
    penv.keySet().removeIf(k -> k.startsWith("SWITCHBOARD_") || k.endsWith("_URL") || k.startsWith("LIVEKIT_"));
    penv.putAll(env);
    return new NodeProcess(pb.start(), out, err);
  }

  /** Waits until the node prints its ready line; fails with its stderr when it exits first. */
  void awaitReady(Duration timeout) throws Exception {
    try {
      Eventually.eventually("the node's ready line", timeout, () -> {
        if (Files.readString(out).contains("switchboard: ready")) {
          return true;
        }
        if (!process.isAlive()) {
          throw new AssertionError("node exited " + process.exitValue() + ": " + stderr());
        }
        return false;
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("node not ready in " + timeout + "; stderr: " + stderr(), e);
    }
  }

  int awaitExit(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("node still running after " + timeout);
    }
    return process.exitValue();
  }

  String stderr() throws IOException {
    return Files.readString(err);
  }

  String stdout() throws IOException {
    return Files.readString(out);
  }

  long pid() {
    return process.pid();
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  void kill() {
    process.destroyForcibly();
  }

  void terminate() {
    process.destroy();
  }

  @Override
  public void close() throws Exception {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
