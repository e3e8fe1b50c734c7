package io.switchboard.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Switchboard node ({@code io.switchboard.app.Main}) in a JVM of its own, started from this
 * JVM's class path: the whole-system tests of modules/app (cluster, launcher errors) and the
 * benchmarks use it. Its environment is clean of Switchboard settings (only what the caller
 * passes, plus PATH/HOME for the JVM); its output goes to files under {@code logDir}; it is stopped
 * by its own PID only.
 */
public final class NodeProcess implements AutoCloseable {
  /** The launcher's main class (testkit does not depend on app, so by name). */
  public static final String MAIN = "io.switchboard.app.Main";
  /** What the launcher prints on stdout once every verticle is deployed. */
  public static final String READY_LINE = "switchboard: ready";

  private final String name;
  private final Process process;
  private final Path out;
  private final Path err;
  private final boolean gracefulClose;

  private NodeProcess(String name, Process process, Path out, Path err, boolean gracefulClose) {
    this.name = name;
    this.process = process;
    this.out = out;
    this.err = err;
    this.gracefulClose = gracefulClose;
  }

  /**
   * {@code java <jvmOptions>} with this JVM's temp dir (embedded-redis extracts its binary there)
   * and logback configuration, this JVM's class path, {@code mainClass} and its arguments: any
   * child JVM of a test or a benchmark (a node, a load generator).
   */
  public static List<String> javaCommand(List<String> jvmOptions, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-Djava.io.tmpdir=" + new File(System.getProperty("java.io.tmpdir")).getAbsolutePath());
    String logback = System.getProperty("logback.configurationFile");
    if (logback != null && !logback.isEmpty()) {
      cmd.add("-Dlogback.configurationFile=" + logback);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** How to start one node; {@link #start()} launches it and returns at once (see {@link #awaitReady}). */
  public static final class Builder {
    private final String name;
    private Path logDir = Path.of("target", "nodes");
    private int maxHeapMb = 256;
    private boolean mergeOutput;
    private boolean gracefulClose;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> args = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /** Where {@code <name>.out}/{@code <name>.err} (or {@code <name>.log}) go; default {@code target/nodes}. */
    public Builder logDir(Path dir) {
      this.logDir = dir;
      return this;
    }

    public Builder maxHeapMb(int mb) {
      this.maxHeapMb = mb;
      return this;
    }

    /** stdout and stderr in one {@code <name>.log} instead of {@code <name>.out} and {@code <name>.err}. */
    public Builder mergeOutput() {
      this.mergeOutput = true;
      return this;
    }

    /**
     * {@link NodeProcess#close()} lets the node shut down (SIGTERM, up to 15 s) instead of killing
     * it at once: a benchmark's nodes leave the cluster cleanly; a test's need not.
     */
    public Builder gracefulClose() {
      this.gracefulClose = true;
      return this;
    }

    /** Environment variables of the node (on top of a clean environment). */
    public Builder env(Map<String, String> vars) {
      env.putAll(vars);
      return this;
    }

    /** Options of the node's JVM, after {@code -Xmx} (e.g. a GC choice, {@code -XX:StartFlightRecording}). */
    public Builder jvmOptions(List<String> options) {
      jvmOptions.addAll(options);
      return this;
    }

    /** Launcher arguments ({@code --verticles …}, {@code --set k=v}). */
    public Builder args(String... more) {
      args.addAll(List.of(more));
      return this;
    }

    private List<String> jvm() {
      List<String> all = new ArrayList<>(List.of("-Xmx" + maxHeapMb + "m"));
      all.addAll(jvmOptions);
      return all;
    }

    public NodeProcess start() throws IOException {
      Files.createDirectories(logDir);
      Path out = logDir.resolve(name + (mergeOutput ? ".log" : ".out"));
      Path err = mergeOutput ? out : logDir.resolve(name + ".err");
      ProcessBuilder pb = new ProcessBuilder(javaCommand(jvm(), MAIN, args)).redirectOutput(out.toFile());
      if (mergeOutput) {
        pb.redirectErrorStream(true);
      } else {
        pb.redirectError(err.toFile());
      }
      Map<String, String> penv = pb.environment();
      penv.keySet().removeIf(k -> k.startsWith("SWITCHBOARD_") || k.endsWith("_URL") || k.startsWith("LIVEKIT_"));
      penv.putAll(env);
      return new NodeProcess(name, pb.start(), out, err, gracefulClose);
    }
  }

  /** A node with separate stdout/stderr files under {@code target/nodes}. */
  public static NodeProcess start(String name, Map<String, String> env, String... args) throws IOException {
    return builder(name).env(env).args(args).start();
  }

  /** Waits until the node prints {@link #READY_LINE}; fails with its output when it exits first or takes too long. */
  public void awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(out) && Files.readString(out).contains(READY_LINE)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited " + process.exitValue() + ": " + tail(err));
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(name + " not ready in " + timeout + ": " + tail(err));
  }

  /** Waits for the node to exit by itself and returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(name + " still running after " + timeout);
    }
    return process.exitValue();
  }

  public String stdout() throws IOException {
    return Files.exists(out) ? Files.readString(out) : "";
  }

  /** Its stderr (the same text as {@link #stdout()} when output is merged). */
  public String stderr() throws IOException {
    return Files.exists(err) ? Files.readString(err) : "";
  }

  private static String tail(Path file) throws IOException {
    String s = Files.exists(file) ? Files.readString(file) : "";
    return s.length() > 1500 ? "…" + s.substring(s.length() - 1500) : s;
  }

  public long pid() {
    return process.pid();
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  /** SIGKILL: the node gets no chance to clean up (a crash). */
  public void kill() {
    process.destroyForcibly();
  }

  /** SIGTERM: the node shuts down as on Ctrl-C. */
  public void terminate() {
    process.destroy();
  }

  /**
   * Stops the node and its children (an embedded redis-server): SIGKILL, or with
   * {@link Builder#gracefulClose()} SIGTERM and up to 15 s to shut down cleanly first.
   */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    if (gracefulClose) {
      process.destroy();
      if (process.waitFor(15, TimeUnit.SECONDS)) {
        children.forEach(ProcessHandle::destroyForcibly);
        return;
      }
    }
    children.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
