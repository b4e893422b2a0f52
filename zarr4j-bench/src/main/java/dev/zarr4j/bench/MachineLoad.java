package dev.zarr4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How busy the machine's CPUs are, from Linux's {@code /proc/stat}, and how much of that is this
 * harness (the JVM and the zarr-python worker): numbers from a loaded machine are not comparable
 * with numbers from an idle one, so the table says which it was. Everything here is best-effort and
 * reports nothing where {@code /proc} is missing.
 */
final class MachineLoad {
  private static final Path STAT = Path.of("/proc/stat");
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private final long startBusy;
  private final long startTotal;
  private final long startSelf;

  private MachineLoad(long busy, long total, long self) {
    this.startBusy = busy;
    this.startTotal = total;
    this.startSelf = self;
  }

  /** Starts measuring; {@code null} when /proc/stat cannot be read. */
  static MachineLoad start(long pythonPid) {
    long[] s = cpuTicks();
    return s == null ? null : new MachineLoad(s[0], s[1], selfTicks(pythonPid));
  }

  /** Busy and total jiffies summed over all CPUs, or null. */
  static long[] cpuTicks() {
    try {
      List<String> lines = Files.readAllLines(STAT);
      String[] f =
          lines.get(0).trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal
      long total = 0;
      long idle = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        long v = Long.parseLong(f[i]);
        total += v;
        if (i == 4 || i == 5) {
          idle += v;
        }
      }
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** CPU jiffies used by this JVM and the Python worker so far. */
  static long selfTicks(long pythonPid) {
    long self = Math.round(PeerBench.cpuNanos() / 1e9 * TICKS_PER_SECOND);
    if (pythonPid > 0) {
      try {
        String s = Files.readString(Path.of("/proc/" + pythonPid + "/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        self += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
      } catch (IOException | RuntimeException e) {
        // gone or not Linux: count the JVM only
      }
    }
    return self;
  }

  /**
   * Fractions of the machine's CPU time since {@link #start}: {busy, used by others}, where 1.0
   * means every CPU fully busy.
   */
  double[] since(long pythonPid) {
    long[] s = cpuTicks();
    if (s == null || s[1] == startTotal) {
      return null;
    }
    double total = s[1] - startTotal;
    double busy = (s[0] - startBusy) / total;
    double self = (selfTicks(pythonPid) - startSelf) / total;
    return new double[] {busy, Math.max(0, busy - self)};
  }

  /**
   * Waits up to {@code maxSeconds} for a 3-second window in which other processes use under 15% of
   * the CPUs; returns the share they used in the last window (or -1 when it cannot tell).
   */
  static double waitForIdle(double maxSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
    boolean told = false;
    while (true) {
      long[] a = cpuTicks();
      if (a == null) {
        return -1;
      }
      long self0 = selfTicks(0);
      Thread.sleep(3000);
      long[] b = cpuTicks();
      if (b == null || b[1] == a[1]) {
        return -1;
      }
      double others = ((b[0] - a[0]) - (selfTicks(0) - self0)) / (double) (b[1] - a[1]);
      if (others < 0.15 || System.nanoTime() > deadline) {
        return Math.max(0, others);
      }
      if (!told) {
        System.err.printf(
            java.util.Locale.ROOT,
            "waiting up to %.0f s for the machine to be idle (other processes use %.0f%% of the"
                + " CPUs)...%n",
            maxSeconds,
            others * 100);
        told = true;
      }
    }
  }
}
