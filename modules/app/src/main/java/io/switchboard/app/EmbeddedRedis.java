package io.switchboard.app;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * A real redis-server binary (shipped inside the embedded-redis jar) on a loopback port, with
 * keyspace notifications on: the live-state store of a standalone node when REDIS_URL is not set.
 *
 * <p>It keeps an append-only file under {@code <data.dir>/redis} ({@code appendfsync everysec}),
 * and the node supervises the child: when it dies (crash, OOM killer, {@code kill -9}) it is
 * started again on the same port and reloads the file, so live calls and their lines survive.
 * Every write Redis acknowledged has reached the kernel before the reply (Redis writes the AOF
 * buffer before answering), so only a machine crash can lose up to a second of writes. Clients
 * see a short outage: pooled connections reconnect by themselves and the debouncer resyncs.
 */
final class EmbeddedRedis implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
  private static final long READY_TIMEOUT_MS = 30_000;
  private static final long MAX_BACKOFF_MS = 5_000;
  /** A child that ran this long was healthy: the next restart starts again with a short delay. */
  private static final long HEALTHY_RUN_MS = 10_000;

  private final File binary;
  private final File dir;
  private final int port;
  private final FileChannel lockChannel;
  private final FileLock lock;
  // restarts wait for the child (blocking): never on an event loop, never on the caller's thread
  private final ExecutorService supervisor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "embedded-redis-supervisor");
    t.setDaemon(true);
    return t;
  });
  private final Thread shutdownHook;
  private volatile Process process;
  private volatile boolean closing;
  private volatile int restarts;
  private long backoffMs = 100;

  private EmbeddedRedis(File binary, File dir, int port, FileChannel lockChannel, FileLock lock) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
    this.lockChannel = lockChannel;
    this.lock = lock;
    // closing first: a child stopped by the hook must not look like a death to restart from
    this.shutdownHook = new Thread(() -> {
      closing = true;
      destroyChild();
    }, "embedded-redis-shutdown");
  }

  static EmbeddedRedis start(int requestedPort, File dataDir) {
    int port = requestedPort > 0 ? requestedPort : freePort();
    File dir = new File(dataDir, "redis");
    if (!dir.isDirectory() && !dir.mkdirs()) {
      throw new StartupException("cannot create data directory " + dir.getAbsolutePath());
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(new File(dir, "node.lock").toPath(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by another node in this JVM
      }
      if (lock == null) {
        throw new StartupException("embedded Redis data in " + dir.getAbsolutePath()
            + " is in use by another node (choose another data.dir)");
      }
      EmbeddedRedis redis = new EmbeddedRedis(ExecutableProvider.newJarResourceProvider().get(), dir, port, channel, lock);
      redis.launch();
      Runtime.getRuntime().addShutdownHook(redis.shutdownHook);
      return redis;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      if (e instanceof StartupException s) {
        throw s;
      }
      throw new StartupException("cannot start embedded Redis on port " + port + ": " + ConfigLoader.rootMessage(e));
    }
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** The running child's pid (tests kill it), or -1 between a death and its restart. */
  long pid() {
    Process p = process;
    return p != null && p.isAlive() ? p.pid() : -1;
  }

  int restarts() {
    return restarts;
  }

  /** Starts the child and returns once it answers PING (after loading its append-only file). */
  private void launch() throws IOException {
    List<String> cmd = List.of(
        binary.getAbsolutePath(),
        "--port", Integer.toString(port),
        "--bind", "127.0.0.1",
        "--dir", dir.getAbsolutePath(),
        "--appendonly", "yes",
        "--appendfilename", "appendonly.aof",
        "--appendfsync", "everysec",
        "--save", "",
        "--notify-keyspace-events", "KEA",
        "--logfile", "redis.log");
    Process p = new ProcessBuilder(cmd).directory(dir).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir, "redis.stdout")))
        .start();
    process = p;
    long t0 = System.currentTimeMillis();
    awaitReady(p);
    LOG.atInfo().addKeyValue("port", port).addKeyValue("pid", p.pid()).addKeyValue("dir", dir.getAbsolutePath())
        .addKeyValue("ms", System.currentTimeMillis() - t0).log("embedded Redis ready");
    p.onExit().thenAccept(dead -> supervisor.execute(() -> onExit(dead, t0)));
  }

  private void onExit(Process dead, long startedAt) {
    if (closing) {
      return;
    }
    long ranMs = System.currentTimeMillis() - startedAt;
    if (ranMs > HEALTHY_RUN_MS) {
      backoffMs = 100;
    }
    LOG.atWarn().addKeyValue("port", port).addKeyValue("pid", dead.pid()).addKeyValue("exitCode", dead.exitValue())
        .addKeyValue("retryInMs", backoffMs).log("embedded Redis died; restarting it from its append-only file");
    while (!closing) {
      try {
        Thread.sleep(backoffMs);
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        if (closing) {
          return;
        }
        launch();
        restarts++;
        if (closing) {
          destroyChild(); // closed while this restart was under way
        }
        return;
      } catch (IOException e) {
        destroyChild();
        LOG.atWarn().addKeyValue("port", port).addKeyValue("error", e.getMessage()).addKeyValue("retryInMs", backoffMs)
            .log("embedded Redis restart failed; retrying");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Polls PING until {@code +PONG} (Redis answers {@code -LOADING} while it replays the file). */
  private void awaitReady(Process p) throws IOException {
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("redis-server exited with " + p.exitValue() + " (see " + new File(dir, "redis.log") + ")");
      }
      if (pong()) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for redis-server");
      }
    }
    p.destroyForcibly();
    throw new IOException("redis-server did not answer PING within " + READY_TIMEOUT_MS + " ms");
  }

  private boolean pong() {
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

  private void destroyChild() {
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroy();
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    supervisor.shutdownNow();
    try {
      // a restart under way may have started a child: wait for it, then stop whatever runs
      supervisor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    destroyChild();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook is running or ran
    }
    try {
      lock.release();
    } catch (IOException e) {
      // the channel closes below anyway
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // nothing else to release
      }
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new StartupException("no free port for embedded Redis: " + e.getMessage());
    }
  }
}
