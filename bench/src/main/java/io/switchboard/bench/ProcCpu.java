package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // the command name (field 2) may hold spaces: count fields after its closing parenthesis
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
      return (long) (ticks * TICK_NANOS);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
