package io.switchboard.app;

import io.switchboard.platform.redis.RedisServerProcess;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>The child itself is started by platform's {@link RedisServerProcess} (the one redis-server
 * builder, shared with the tests' {@code TestRedis}); this class adds the data-directory lock and
 * the supervision.
 */
final class EmbeddedRedis implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
  private static final long MAX_BACKOFF_MS = 5_000;
  /** A child that ran this long was healthy: the next restart starts again with a short delay. */
  private static final long HEALTHY_RUN_MS = 10_000;

  /** Every (re)start of the child: same port, same directory, so a restart reloads the file. */
  private final RedisServerProcess.Builder server;
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
  private volatile RedisServerProcess process;
  private volatile boolean closing;
  private volatile int restarts;
  private long backoffMs = 100;

  private EmbeddedRedis(File dir, int port, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.port = port;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.server = RedisServerProcess.builder().port(port).dir(dir).appendOnly("everysec").keyspaceEvents(io.switchboard.contract.live.RedisKeys.KEYSPACE_EVENTS)
        .streamNodeMaxBytes(RedisServerProcess.SMALL_STREAM_NODES);
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
      EmbeddedRedis redis = new EmbeddedRedis(dir, port, channel, lock);
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
    RedisServerProcess p = process;
    return p != null && p.isAlive() ? p.pid() : -1;
  }

  int restarts() {
    return restarts;
  }

  /** Starts the child and returns once it answers PING (after loading its append-only file). */
  private void launch() throws IOException {
    long t0 = System.currentTimeMillis();
    RedisServerProcess p = server.start();
    process = p;
    LOG.atInfo().addKeyValue("port", port).addKeyValue("pid", p.pid()).addKeyValue("dir", dir.getAbsolutePath())
        .addKeyValue("ms", System.currentTimeMillis() - t0).log("embedded Redis ready");
    p.onExit().thenAccept(dead -> supervisor.execute(() -> onExit(p, t0)));
  }

  private void onExit(RedisServerProcess dead, long startedAt) {
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

  private void destroyChild() {
    RedisServerProcess p = process;
    if (p != null) {
      p.stop();
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
    try {
      return RedisServerProcess.freePort();
    } catch (IOException e) {
      throw new StartupException("no free port for embedded Redis: " + e.getMessage());
    }
  }
}
