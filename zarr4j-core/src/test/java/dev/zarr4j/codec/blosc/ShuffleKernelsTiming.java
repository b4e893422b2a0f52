package dev.zarr4j.codec.blosc;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Times {@link ShuffleKernels} on 1 MiB blocks in CPU time, cold and hot; a main, not a test.
 *
 * <p>Run in a fresh JVM per measurement: the first {@code coldCalls} calls (a fresh JVM's
 * interpreter and C1 phase) are timed together, then the kernel is warmed up and {@code hotCalls}
 * more calls are timed one at a time and their median is printed. CPU time of this thread, not wall
 * time, so that other processes on a busy machine count less. {@code -Xint} and {@code
 * -XX:TieredStopAtLevel=1} runs stand in for the interpreter and C1 phases. Arguments: {@code op}
 * ({@code unshuffle}, {@code streams} for separate stream arrays, or {@code shuffle}), type size,
 * cold calls, warm-up calls, hot calls. Prints one line: op, type size, cold CPU ms in total, hot
 * CPU microseconds per MiB (median).
 *
 * <pre>
 * java -cp zarr4j-core/target/classes:zarr4j-core/target/test-classes:zarr4j-compression/target/classes \
 *     dev.zarr4j.codec.blosc.ShuffleKernelsTiming unshuffle 4 256 2000 200
 * </pre>
 */
final class ShuffleKernelsTiming {
  private ShuffleKernelsTiming() {}

  private static final int BLOCK = 1 << 20;

  /**
   * Runs one measurement.
   *
   * @param args op, type size, cold calls, warm-up calls, hot calls
   */
  public static void main(String[] args) {
    String op = args[0];
    int ts = Integer.parseInt(args[1]);
    int cold = Integer.parseInt(args[2]);
    int warm = Integer.parseInt(args[3]);
    int hot = Integer.parseInt(args[4]);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    byte[] src = new byte[BLOCK];
    new SplittableRandom(42).nextBytes(src);
    byte[] dst = new byte[BLOCK];
    int n = BLOCK / ts;
    byte[][] arrays = new byte[ts][];
    int[] offsets = new int[ts];
    for (int b = 0; b < ts; b++) {
      arrays[b] = Arrays.copyOfRange(src, b * n, (b + 1) * n);
    }
    Runnable call =
        switch (op) {
          case "unshuffle" -> () -> ShuffleKernels.unshuffle(ts, src, 0, BLOCK, dst, 0);
          case "streams" -> () -> ShuffleKernels.unshuffleStreams(ts, arrays, offsets, n, dst, 0);
          case "shuffle" -> () -> ShuffleKernels.shuffle(ts, src, 0, BLOCK, dst, 0);
          default -> throw new IllegalArgumentException("op: " + op);
        };
    long t0 = mx.getCurrentThreadCpuTime();
    for (int i = 0; i < cold; i++) {
      call.run();
    }
    long coldNanos = mx.getCurrentThreadCpuTime() - t0;
    for (int i = 0; i < warm; i++) {
      call.run();
    }
    long[] times = new long[hot];
    for (int i = 0; i < hot; i++) {
      long s = mx.getCurrentThreadCpuTime();
      call.run();
      times[i] = mx.getCurrentThreadCpuTime() - s;
    }
    Arrays.sort(times);
    long median = hot == 0 ? 0 : times[hot / 2];
    System.out.printf(
        "%s ts=%d cold%d=%.1f ms hot=%.1f us/MiB check=%d%n",
        op, ts, cold, coldNanos / 1e6, median / 1e3, Arrays.hashCode(dst));
  }
}
