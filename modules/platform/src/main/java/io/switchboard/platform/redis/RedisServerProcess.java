package io.switchboard.platform.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * One {@code redis-server} child process on a loopback port: the binary shipped inside the
 * embedded-redis jar, started with the options a {@link Builder} collected, returned once it
 * answers PING. The one way Switchboard starts a Redis of its own: the standalone node's
 * embedded store (app's {@code EmbeddedRedis}: append-only file, supervised restarts) and the
 * isolated Redis of every test and benchmark (testkit's {@code TestRedis}).
 *
 * <p>Blocking (it waits for the child): never call {@link Builder#start()} or {@link #stop()} on
 * an event loop.
 */
public final class RedisServerProcess implements AutoCloseable {
  /** The {@code stream-node-max-bytes} Switchboard runs its own Redis with (see {@link Builder#streamNodeMaxBytes}). */
  public static final int SMALL_STREAM_NODES = 512;

  private static File binary;

  private final Process process;
  private final int port;
  private final File dir;

  private RedisServerProcess(Process process, int port, File dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The redis-server of the embedded-redis jar, extracted once per JVM. */
  private static synchronized File binary() throws IOException {
    if (binary == null) {
      binary = ExecutableProvider.newJarResourceProvider().get();
    }
    return binary;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Completes when the child exits, however it exits. */
  public CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /** The child's exit code; only once it has exited. */
  public int exitValue() {
    return process.exitValue();
  }

  /** SIGTERM, then SIGKILL if it has not gone within 5 s; returns once it is gone. */
  public void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** SIGKILL, as an outage does it (no shutdown, the append-only file as it was); returns once it is gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** A free loopback port (may be taken by someone else before the child binds it). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** The options of a redis-server child; {@link #start()} may be called again for a restart. */
  public static final class Builder {
    private int port;
    private File dir;
    private String appendFsync;
    private String keyspaceEvents;
    private int streamNodeMaxBytes;
    private long readyTimeoutMs = 30_000;

    private Builder() {}

    /** The port to bind on 127.0.0.1; 0 (the default) picks a free one at each start. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Working directory: the append-only file, {@code redis.log} and the child's stdout
     * ({@code redis.stdout}) go there. Required.
     */
    public Builder dir(File dir) {
      this.dir = dir;
      return this;
    }

    /**
     * Keep an append-only file ({@code appendonly.aof}) synced with {@code fsync} ({@code always},
     * {@code everysec}, {@code no}); a restart in the same directory reloads it. Without it the
     * server keeps nothing on disk (no RDB snapshots either): every start is empty.
     */
    public Builder appendOnly(String fsync) {
      this.appendFsync = fsync;
      return this;
    }

    /** {@code notify-keyspace-events} flags, e.g. {@code KEA} (the debouncer needs them). */
    public Builder keyspaceEvents(String flags) {
      this.keyspaceEvents = flags;
      return this;
    }

    /**
     * {@code stream-node-max-bytes}: Redis allocates a new stream node at this size up front (6.2, ≤ 4 KB),
     * so with the default 4096 every call's log stream costs ≈ 4.2 KB of {@code used_memory} while it
     * holds a line or two; 512 makes that ≈ 0.7 KB for ≈ 13 % more per line of a long transcript
     * (docs/operations.md#redis-live-state). 0 keeps Redis's default.
     */
    public Builder streamNodeMaxBytes(int bytes) {
      this.streamNodeMaxBytes = bytes;
      return this;
    }

    /** How long to wait for the first PONG (replaying a large append-only file takes a while). */
    public Builder readyTimeoutMs(long ms) {
      this.readyTimeoutMs = ms;
      return this;
    }

    /** The redis-server arguments these options mean. */
    List<String> arguments(int boundPort) {
      List<String> args = new ArrayList<>(List.of(
          "--port", Integer.toString(boundPort),
          "--bind", "127.0.0.1",
          "--dir", dir.getAbsolutePath(),
          "--save", "",
          "--logfile", "redis.log"));
      if (appendFsync != null) {
        args.addAll(List.of("--appendonly", "yes", "--appendfilename", "appendonly.aof", "--appendfsync", appendFsync));
      } else {
        args.addAll(List.of("--appendonly", "no"));
      }
      if (keyspaceEvents != null) {
        args.addAll(List.of("--notify-keyspace-events", keyspaceEvents));
      }
      if (streamNodeMaxBytes > 0) {
        args.addAll(List.of("--stream-node-max-bytes", Integer.toString(streamNodeMaxBytes)));
      }
      return args;
    }

    /** Starts the child and returns once it answers PING (after loading its append-only file). */
    public RedisServerProcess start() throws IOException {
      if (dir == null) {
        throw new IllegalStateException("a redis-server needs a working directory");
      }
      if (!dir.isDirectory() && !dir.mkdirs()) {
        throw new IOException("cannot create " + dir.getAbsolutePath());
      }
      int boundPort = port > 0 ? port : freePort();
      List<String> cmd = new ArrayList<>();
      cmd.add(binary().getAbsolutePath());
      cmd.addAll(arguments(boundPort));
      Process p = new ProcessBuilder(cmd).directory(dir).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir, "redis.stdout")))
          .start();
      awaitReady(p, boundPort);
      return new RedisServerProcess(p, boundPort, dir);
    }

    /**
     * Polls PING until {@code +PONG} (Redis answers {@code -LOADING} while it replays the file)
     * from a server whose {@code process_id} is the child's.
     */
    private void awaitReady(Process p, int boundPort) throws IOException {
      long deadline = System.currentTimeMillis() + readyTimeoutMs;
      while (System.currentTimeMillis() < deadline) {
        if (!p.isAlive()) {
          throw new IOException("redis-server exited with " + p.exitValue() + " (see " + new File(dir, "redis.log") + ")");
        }
        // another server already on the port would answer too: it must be this child answering
        if (pong(boundPort) && servedBy(boundPort, p.pid())) {
          return;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          p.destroyForcibly();
          throw new IOException("interrupted while waiting for redis-server");
        }
      }
      p.destroyForcibly();
      throw new IOException("redis-server did not answer PING within " + readyTimeoutMs + " ms");
    }
  }

  /** Whether a Redis on the loopback {@code port} answers PING with PONG (not LOADING, not refused). */
  public static boolean pong(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[64];
      int n = in.read(buf);
      return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the server on the port says it is process {@code pid} ({@code INFO server}). */
  private static boolean servedBy(int port, long pid) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      out.write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder reply = new StringBuilder();
      byte[] buf = new byte[4096];
      String marker = "process_id:" + pid + "\r\n";
      // a bulk string of a few KB; read until the line is there or the reply ends
      for (int n; reply.length() < 64 * 1024 && (n = in.read(buf)) > 0; ) {
        reply.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
        if (reply.indexOf(marker) >= 0) {
          return true;
        }
        if (reply.indexOf("\r\nprocess_id:") >= 0 && reply.indexOf("\r\n", reply.indexOf("\r\nprocess_id:") + 2) >= 0) {
          return false; // another process answered
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** The working directory (append-only file, logs). */
  public File dir() {
    return dir;
  }
}
