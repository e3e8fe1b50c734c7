package io.switchboard.bench.chaos;

import io.switchboard.app.BenchNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Switchboard node started from the launcher jar ({@code java -jar modules/app/target/switchboard.jar}),
 * loopback only, on the ports the scenario chose. Stopped by its PID (SIGTERM, then SIGKILL);
 * {@link #kill9()} is the crash a scenario injects.
 */
final class ChaosNode implements AutoCloseable {
  static final Path JAR = Path.of("modules", "app", "target", "switchboard.jar");
  private static final Pattern EMBEDDED_REDIS = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");
  private final String name;
  private final Process process;
  private final Path log;
  final int httpPort;
  private final List<ProcessHandle> orphans = new ArrayList<>();

  private ChaosNode(String name, Process process, Path log, int httpPort) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
  }

  /** Starts a node; {@code env} adds REDIS_URL / MONGO_URL etc.; {@code args} are launcher flags. */
  static ChaosNode start(String name, Path workDir, int httpPort, Map<String, String> env, List<String> args) throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " missing: build first (mvn -q -B -DskipTests package)");
    }
    Files.createDirectories(workDir);
    Path log = workDir.resolve(name + ".log");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:+UseSerialGC",
        "-Djava.io.tmpdir=" + workDir.toAbsolutePath(), "-jar", JAR.toAbsolutePath().toString()));
    cmd.addAll(args);
    cmd.addAll(List.of(
        "--set", "http.host=127.0.0.1",
        "--set", "agent.keys." + BenchNode.AGENT + "=" + BenchNode.AGENT_KEY,
        // one key drives every generated call: the abuse limit would only measure itself
        "--set", "ingest.rate.per.second=0",
        "--set", "auth.jwt.secret=" + BenchNode.JWT_SECRET,
        "--set", "auth.demo.users=true",
        "--set", "reconcile.period.s=0",
        "--set", "data.dir=" + workDir.resolve(name + "-data").toAbsolutePath()));
    if (httpPort > 0) {
      cmd.addAll(List.of("--http-port", String.valueOf(httpPort)));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("SWITCHBOARD_") || k.endsWith("_URL") || k.startsWith("LIVEKIT_"));
    pb.environment().put("SWITCHBOARD_LOG_FORMAT", "json");
    pb.environment().putAll(env);
    return new ChaosNode(name, pb.start(), log, httpPort);
  }

  void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains("switchboard: ready")) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited " + process.exitValue() + ": " + tail());
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(name + " not ready in " + timeout + ": " + tail());
  }

  /** Waits until {@code GET /health} answers 200 (every check UP). */
  void awaitHealthy(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      Health h = health(HttpClient.newHttpClient(), httpPort);
      last = h.toString();
      if (h.status() == 200) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + ": /health never 200: " + last);
  }

  record Health(int status, String body) {
    boolean redisDown() {
      return body.contains("\"id\":\"redis\",\"status\":\"DOWN\"");
    }

  }

  static Health health(HttpClient http, int port) {
    try {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(3)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Health(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Health(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Health(-1, "interrupted");
    }
  }

  /** The embedded Redis port the node logged, or -1. */
  int embeddedRedisPort() throws IOException {
    for (String line : Files.readAllLines(log)) {
      Matcher m = EMBEDDED_REDIS.matcher(line);
      if (line.contains("embedded Redis started") && m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    return -1;
  }

  /** The pid of this node's redis-server child, -1 when it has none (between a death and the restart). */
  long redisChild() {
    return process.toHandle().children()
        .filter(p -> p.isAlive() && p.info().command().map(c -> c.contains("redis-server")).orElse(false))
        .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  /** SIGKILL: the crash. */
  void kill9() throws InterruptedException {
    orphans.addAll(process.toHandle().descendants().toList());
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  String tail() throws IOException {
    String s = Files.exists(log) ? Files.readString(log) : "";
    return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroy(); // SIGTERM: the node undeploys and stops its embedded Redis
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    }
    // a SIGKILLed node cannot stop its redis-server child: end it by its pid
    process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    orphans.forEach(ProcessHandle::destroyForcibly);
  }
}
