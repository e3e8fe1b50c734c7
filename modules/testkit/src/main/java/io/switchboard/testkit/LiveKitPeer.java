package io.switchboard.testkit;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebRTC participant: {@code tests/livekit/participant.mjs} ({@code @livekit/rtc-node}) as a
 * child process. It reports what it sees as JSON lines ({@code ev}: connected, participants,
 * subscribed, frames, muted, unmuted, data, published, publish_failed, disconnected) and takes
 * commands on stdin (publish, unpublish, leave). {@link #kill9()} is a crash: SIGKILL, no goodbye.
 */
public final class LiveKitPeer implements AutoCloseable {
  private final String name;
  private final Process process;
  private final OutputStream stdin;
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();

  private LiveKitPeer(String name, Process process) {
    this.name = name;
    this.process = process;
    this.stdin = process.getOutputStream();
    Thread reader = new Thread(this::read, "peer-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** The harness directory; its node_modules come from {@code npm ci} (scripts/test does it). */
  public static Path harness() {
    Path dir = RealLiveKit.repoRoot().resolve("tests/livekit");
    if (!Files.isDirectory(dir.resolve("node_modules/@livekit/rtc-node"))) {
      throw new IllegalStateException("tests/livekit/node_modules missing: run (cd tests/livekit && npm ci)");
    }
    return dir;
  }

  /** Joins {@code url} with {@code token}; publishes a tone of {@code frequency} Hz when asked to. */
  public static LiveKitPeer join(String name, String url, String token, boolean publish, int frequency) {
    Path dir = harness();
    List<String> cmd = new ArrayList<>(List.of("node", "participant.mjs", "--url", url, "--token", token, "--frequency", String.valueOf(frequency)));
    if (publish) {
      cmd.add("--publish");
    }
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().put("LIVEKIT_LOG_LEVEL", "warn");
      return new LiveKitPeer(name, pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.startsWith("{\"ev\"")) {
          continue; // the SDK's own log lines
        }
        try {
          events.add(new JsonObject(line));
        } catch (DecodeException ignored) {
          // a partial line of a killed process
        }
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public List<JsonObject> events() {
    return events;
  }

  public List<JsonObject> events(String ev) {
    return events.stream().filter(e -> ev.equals(e.getString("ev"))).toList();
  }

  /** Waits for an event of kind {@code ev} matching {@code p}; fails with what was seen. */
  public JsonObject await(String ev, Predicate<JsonObject> p, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      for (JsonObject e : events) {
        if (ev.equals(e.getString("ev")) && p.test(e)) {
          return e;
        }
      }
      if (!process.isAlive() && !"disconnected".equals(ev)) {
        break;
      }
      sleep(20);
    }
    throw new AssertionError(name + ": no '" + ev + "' event matching in " + timeoutMs + " ms; alive=" + process.isAlive() + "; seen: " + tail());
  }

  public JsonObject await(String ev, long timeoutMs) {
    return await(ev, e -> true, timeoutMs);
  }

  /** The room sid once connected. */
  public String roomSid(long timeoutMs) {
    return await("connected", timeoutMs).getString("room_sid");
  }

  /** Waits until {@code from} has sent at least {@code audible} non-silent frames (counted since join). */
  public long awaitAudible(String from, long audible, long timeoutMs) {
    return await("frames", e -> audibleFrom(e, from) >= audible, timeoutMs).getJsonObject("counts").getJsonObject(from).getLong("audible");
  }

  /** Audible frames received from {@code from} so far. */
  public long audible(String from) {
    List<JsonObject> f = events("frames");
    return f.isEmpty() ? 0 : audibleFrom(f.get(f.size() - 1), from);
  }

  private static long audibleFrom(JsonObject frames, String from) {
    JsonObject c = frames.getJsonObject("counts").getJsonObject(from);
    return c == null ? 0 : c.getLong("audible", 0L);
  }

  /** Every identity this participant ever saw in the room. */
  public List<String> everSeen() {
    List<String> out = new ArrayList<>();
    for (JsonObject e : events) {
      if (e.getJsonArray("list") != null) {
        e.getJsonArray("list").forEach(i -> {
          if (!out.contains((String) i)) {
            out.add((String) i);
          }
        });
      }
    }
    return out;
  }

  public void command(String cmd) {
    try {
      stdin.write(new JsonObject().put("cmd", cmd).encode().concat("\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A crash: SIGKILL, the process cannot say goodbye to the server. */
  public void kill9() {
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean alive() {
    return process.isAlive();
  }

  private String tail() {
    int n = events.size();
    return events.subList(Math.max(0, n - 8), n).toString();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Leaves politely (or kills a process that does not go). */
  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        command("leave");
      } catch (UncheckedIOException ignored) {
        // already gone
      }
      try {
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
