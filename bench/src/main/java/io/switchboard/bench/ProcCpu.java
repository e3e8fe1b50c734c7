package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time (user + system) a process has used so far, from {@code /proc/<pid>/stat}. CPU time is
 * what the load benchmark divides by events: unlike latency, it barely moves when other work
 * shares the machine.
 */
final class ProcCpu {
  /** Linux USER_HZ; 100 on every mainstream kernel build. */
  private static final double TICK_NANOS = 1e9 / 100;

  private ProcCpu() {}

  /** Nanoseconds of CPU used by process {@code pid}, or -1 when it cannot be read (not Linux, gone). */
  static long nanos(long pid) {
    return stat(Path.of("/proc", String.valueOf(pid), "stat"));
  }

  /** CPU nanoseconds per second process {@code pid} uses over the next {@code millis} (the caller's thread sleeps meanwhile). */
  static double nanosPerSecond(long pid, long millis) throws InterruptedException {
    long c0 = nanos(pid);
    long t0 = System.nanoTime();
    Thread.sleep(millis);
    return (nanos(pid) - c0) / ((System.nanoTime() - t0) / 1e9);
  }

  /**
   * CPU nanoseconds by thread kind (the thread's name with its digits dropped: {@code
   * vert.x-eventloop-thread-}, {@code C2 CompilerThread}, {@code GC Thread#}…): where a JVM's CPU
   * goes, including the JIT and GC threads a JFR execution sample never sees.
   */
  static Map<String, Long> byThread(long pid) {
    Map<String, Long> out = new TreeMap<>();
    eachThread(pid, (tid, comm, nanos) -> {
      if (nanos > 0) {
        out.merge(comm.replaceAll("\\d+", ""), nanos, Long::sum);
      }
    });
    return out;
  }

  /**
   * CPU nanoseconds of each event-loop thread, by thread id: a verticle instance runs on one loop,
   * so one busy loop can limit the node while the others idle ({@link #byThread} sums them).
   */
  static Map<String, Long> eventLoops(long pid) {
    Map<String, Long> out = new TreeMap<>();
    eachThread(pid, (tid, comm, nanos) -> {
      if (comm.startsWith("vert.x-eventloo")) {
        out.put(tid, nanos);
      }
    });
    return out;
  }

  private interface ThreadCpu {
    void accept(String tid, String comm, long nanos);
  }

  /** Every thread of {@code pid} now: its id, its name as the kernel keeps it, its CPU nanoseconds. */
  private static void eachThread(long pid, ThreadCpu each) {
    try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      tasks.forEach(t -> {
        try {
          each.accept(t.getFileName().toString(), Files.readString(t.resolve("comm")).trim(), stat(t.resolve("stat")));
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      });
    } catch (IOException | RuntimeException e) {
      // not Linux or gone
    }
  }

  private static long stat(Path file) {
    try {
      String stat = Files.readString(file);
      // the command name (field 2) may hold spaces: count fields after its closing parenthesis
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
      return (long) (ticks * TICK_NANOS);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
