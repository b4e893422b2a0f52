package dev.zarr4j.bench;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.ChunkBlock;
import dev.zarr4j.ChunkIterationOptions;
import dev.zarr4j.ChunkStream;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/bench --scenario iterator}: issue 14's figure "reading a 4 GiB array through the chunk
 * iterator with -Xmx256m completes at >= 80% of the in-memory read rate". A float32 array of {@code
 * --size} MiB ({@code --cols} columns, {@code --chunk} square chunks, the benchmark's field data,
 * {@code --codec}) is generated once under {@code --dir} and kept for later runs. Both reads run
 * alike, each in a child JVM of its own started by this harness: untimed warm-up runs of its read
 * until {@code --warmup} MiB have been read (at least one run), then {@code --reps} timed runs, the
 * clock read inside the child around the read and the caller's work alone (no JVM start, no
 * warm-up, no array opening inside). The in-memory read is {@code getInto} of the first {@code
 * --prefix} MiB into one {@code float[]} allocated before the runs, in a heap of the prefix plus
 * 512 MiB; the iterator read is a {@link ChunkStream} over the whole array (default options) with
 * {@code -Xmx<--heap>}. The caller's work ({@code --work}) is the same on both sides. Each figure
 * is the median of the timed runs; CPU seconds are the child process's.
 */
final class IteratorBench {
  private IteratorBench() {}

  /** Command line options of this scenario. */
  static final class Options {
    long sizeMiB = 4096;
    long prefixMiB = 1024;
    int cols = 8192;
    int chunk = 512;
    String codec = "blosc-lz4";
    String heap = "256m";
    int reps = 5;
    int rounds = 1;
    long warmupMiB = 2048;
    double waitIdle = 60;
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    String child;
    String read = "iterator";
    String work = "touch";
    List<String> childJvmArgs = new ArrayList<>();

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--scenario" -> i++;
          case "--size" -> o.sizeMiB = Long.parseLong(args[++i]);
          case "--prefix" -> o.prefixMiB = Long.parseLong(args[++i]);
          case "--cols" -> o.cols = Integer.parseInt(args[++i]);
          case "--chunk" -> o.chunk = Integer.parseInt(args[++i]);
          case "--codec" -> o.codec = args[++i];
          case "--heap" -> o.heap = args[++i];
          case "--reps" -> o.reps = Integer.parseInt(args[++i]);
          case "--rounds" -> o.rounds = Integer.parseInt(args[++i]);
          case "--warmup" -> o.warmupMiB = Long.parseLong(args[++i]);
          case "--wait-idle" -> o.waitIdle = Double.parseDouble(args[++i]);
          case "--dir" -> o.dir = Path.of(args[++i]);
          case "--child" -> o.child = args[++i];
          case "--read" -> o.read = args[++i];
          case "--work" -> o.work = args[++i];
          case "--child-jvm" -> o.childJvmArgs.add(args[++i]);
          case "-h", "--help" -> {
            System.out.println(
                String.join(
                    "\n",
                    "usage: bin/bench --scenario iterator [options]",
                    "  --size MIB     array size in MiB (default 4096)",
                    "  --prefix MIB   in-memory read of this many MiB from the start (default 1024)",
                    "  --cols N       columns (default 8192); rows follow from --size",
                    "  --chunk N      square chunks of N x N (default 512)",
                    "  --codec C      none, blosc-lz4 (default) or zstd-3",
                    "  --heap H       the iterating child JVM's -Xmx (default 256m)",
                    "  --reps N       timed runs of each read per child (default 5)",
                    "  --warmup MIB   untimed runs first in each child until this many MiB",
                    "                 are read (at least one run; default 2048)",
                    "  --rounds N     run the two children N times, alternating (default 1);",
                    "                 the medians take every timed run of every round",
                    "  --work W       the caller's work, timed with each read: touch (one value",
                    "                 per chunk, default) or sum (every value added up)",
                    "  --child-jvm A  one more JVM option for both children (repeatable),",
                    "                 e.g. -XX:StartFlightRecording=filename=it.jfr",
                    "  --wait-idle S  first wait up to S seconds for idle CPUs (default 60; 0",
                    "                 to start at once)",
                    "  --dir DIR      where the array is generated once and kept",
                    "                 (default java.io.tmpdir)"));
            System.exit(0);
          }
          default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
        }
      }
      long rowBytes = 4L * o.cols * o.chunk;
      if ((o.sizeMiB << 20) % rowBytes != 0 || (o.prefixMiB << 20) % rowBytes != 0) {
        throw new IllegalArgumentException(
            "--size and --prefix must be multiples of one row of chunks ("
                + rowBytes
                + " bytes: 4 x --cols x --chunk)");
      }
      if (o.reps < 1 || o.rounds < 1) {
        throw new IllegalArgumentException("--reps and --rounds must be at least 1");
      }
      if (!o.work.equals("touch") && !o.work.equals("sum")) {
        throw new IllegalArgumentException("--work must be touch or sum, got " + o.work);
      }
      if (!o.read.equals("iterator") && !o.read.equals("memory")) {
        throw new IllegalArgumentException("--read must be iterator or memory, got " + o.read);
      }
      if (o.prefixMiB > o.sizeMiB || o.prefixMiB < 1) {
        throw new IllegalArgumentException("--prefix must be between 1 and --size");
      }
      return o;
    }

    long rows() {
      return (sizeMiB << 20) / (4L * cols);
    }

    long prefixRows() {
      return (prefixMiB << 20) / (4L * cols);
    }
  }

  static boolean wanted(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--child")
          || (i + 1 < args.length
              && args[i].equals("--scenario")
              && args[i + 1].equals("iterator"))) {
        return true;
      }
    }
    return false;
  }

  static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    if (o.child != null) {
      child(o);
      return;
    }
    Path array = generate(o);
    // the in-memory read needs its buffer and the iterator nothing like it: each child gets its
    // own heap, both the same warm-up and the same timing (see the class comment)
    String memoryHeap = (o.prefixMiB + 512) + "m";
    double othersBefore = o.waitIdle > 0 ? MachineLoad.waitForIdle(o.waitIdle) : -1;
    Child memory = new Child();
    Child iterator = new Child();
    long[] cpu0 = MachineLoad.cpuTicks();
    for (int round = 0; round < o.rounds; round++) {
      memory.add(runChild(o, array, "memory", memoryHeap));
      iterator.add(runChild(o, array, "iterator", o.heap));
    }
    long[] cpu1 = MachineLoad.cpuTicks();
    double busy =
        cpu0 == null || cpu1 == null || cpu1[1] == cpu0[1]
            ? Double.NaN
            : (cpu1[0] - cpu0[0]) / (double) (cpu1[1] - cpu0[1]);
    double mem = median(memory.rates);
    double it = median(iterator.rates);
    double memCpu = median(memory.cpuPerGiB);
    double itCpu = median(iterator.cpuPerGiB);
    System.out.printf(
        Locale.ROOT,
        "%n| read (%s, %d x %d float32, chunks %d x %d; caller's work: %s) | MB/s (median)"
            + " | CPU s per GiB | GC ms per run | MB allocated per GiB |%n|---|---|---|---|---|%n"
            + "| in memory: getInto of the first %d MiB, child JVM -Xmx%s | %.0f | %.3f | %.0f | %.1f |%n"
            + "| chunk iterator: all %d MiB, child JVM -Xmx%s | %.0f | %.3f | %.0f | %.1f |%n"
            + "| iterator / in memory (target >= 0.80) | %.2f | %.2f (in memory / iterator) | | |%n"
            + "%nOther processes used %s of the CPUs just before the runs; the CPUs were %.0f%%"
            + " busy during them (these children included);"
            + " %d round(s) of the two children, %d timed runs each.%n",
        o.codec,
        o.rows(),
        o.cols,
        o.chunk,
        o.chunk,
        o.work,
        o.prefixMiB,
        memoryHeap,
        mem / 1e6,
        memCpu,
        median(memory.gcMillis),
        median(memory.allocatedPerGiB),
        o.sizeMiB,
        o.heap,
        it / 1e6,
        itCpu,
        median(iterator.gcMillis),
        median(iterator.allocatedPerGiB),
        it / mem,
        memCpu / itCpu,
        othersBefore < 0 ? "an unmeasured share" : Math.round(othersBefore * 100) + "%",
        busy * 100,
        o.rounds,
        o.reps);
  }

  /** The array, generated band by band of chunk rows unless a complete one is there already. */
  private static Path generate(Options o) throws Exception {
    Path array =
        o.dir.resolve(
            String.format(
                Locale.ROOT,
                "zarr4j-bench-iterator-%dMiB-%d-%d-%s.zarr",
                o.sizeMiB,
                o.cols,
                o.chunk,
                o.codec));
    Path done = array.resolve(".complete");
    if (Files.exists(done)) {
      return array;
    }
    System.err.printf(Locale.ROOT, "generating %s (once)...%n", array);
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(array)
                .overwrite(true)
                .shape(o.rows(), o.cols)
                .chunks(o.chunk, o.chunk)
                .dtype("<f4")
                .compressor(PeerBench.codec(o.codec))
                .build());
    long bands = o.rows() / o.chunk;
    for (long b = 0; b < bands; b++) {
      float[] band = BenchData.field(o.chunk, o.cols, 42 + b);
      z.setFrom(b * o.chunk + ":" + (b + 1) * o.chunk + ", :", band);
    }
    Files.writeString(done, "");
    return array;
  }

  /** What one child JVM measured: per measured run, the rate, CPU seconds per GiB, GC time. */
  private static final class Child {
    final List<Double> rates = new ArrayList<>();
    final List<Double> cpuPerGiB = new ArrayList<>();
    final List<Double> gcMillis = new ArrayList<>();
    final List<Double> allocatedPerGiB = new ArrayList<>();

    void add(Child other) {
      rates.addAll(other.rates);
      cpuPerGiB.addAll(other.cpuPerGiB);
      gcMillis.addAll(other.gcMillis);
      allocatedPerGiB.addAll(other.allocatedPerGiB);
    }
  }

  /** Runs one reading child ({@code memory} or {@code iterator}) and collects its measured runs. */
  private static Child runChild(Options o, Path array, String read, String heap) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    cmd.addAll(o.childJvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(PeerBench.class.getName());
    cmd.add("--child");
    cmd.add(array.toString());
    cmd.add("--read");
    cmd.add(read);
    cmd.add("--prefix");
    cmd.add(Long.toString(o.prefixMiB));
    cmd.add("--cols");
    cmd.add(Integer.toString(o.cols));
    cmd.add("--chunk");
    cmd.add(Integer.toString(o.chunk));
    cmd.add("--size");
    cmd.add(Long.toString(o.sizeMiB));
    cmd.add("--work");
    cmd.add(o.work);
    cmd.add("--warmup");
    cmd.add(Long.toString(o.warmupMiB));
    cmd.add("--reps");
    cmd.add(Integer.toString(o.reps));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    Child c = new Child();
    StringBuilder out = new StringBuilder();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.append(line).append('\n');
        if (line.startsWith("measured ")) {
          String[] f = line.substring("measured ".length()).trim().split("\\s+");
          c.rates.add(Double.parseDouble(f[0]));
          c.cpuPerGiB.add(Double.parseDouble(f[1]));
          c.gcMillis.add(Double.parseDouble(f[2]));
          c.allocatedPerGiB.add(Double.parseDouble(f[3]));
        } else {
          System.err.println(line);
        }
      }
    }
    if (p.waitFor() != 0 || c.rates.isEmpty()) {
      throw new IllegalStateException("the " + read + " child failed:\n" + out);
    }
    return c;
  }

  /**
   * In a child JVM: untimed warm-up runs of the read until {@code --warmup} MiB are read (at least
   * one), then {@code reps} timed ones, each printed as a {@code measured} line (bytes per second,
   * CPU seconds of the whole process per GiB, GC milliseconds, MB allocated per GiB). The {@code
   * memory} read is {@code getInto} of the first {@code --prefix} MiB into one {@code float[]}
   * allocated before the runs; the {@code iterator} read is a {@link ChunkStream} over the whole
   * array with the default options. The caller's work, timed with the read on both sides: {@code
   * touch} reads one value per chunk (per chunk's worth of elements of the buffer), {@code sum}
   * adds up every value.
   */
  private static void child(Options o) {
    ZarrArray z = Zarr.openArray(Path.of(o.child));
    boolean iterator = o.read.equals("iterator");
    long bytes = iterator ? z.nbytes() : o.prefixMiB << 20;
    float[] buffer = iterator ? null : new float[Math.toIntExact(o.prefixRows() * o.cols)];
    String prefix = "0:" + o.prefixRows() + ", :";
    boolean sum = o.work.equals("sum");
    int chunkElements = o.chunk * o.chunk;
    long readMiB = iterator ? o.sizeMiB : o.prefixMiB;
    int warmups = (int) Math.max(1, (o.warmupMiB + readMiB - 1) / readMiB);
    for (int r = 0; r < warmups + o.reps; r++) {
      long gc0 = gcMillis();
      long a0 = allocatedBytes();
      long c0 = PeerBench.cpuNanos();
      long t0 = System.nanoTime();
      double check = 0;
      if (iterator) {
        try (ChunkStream s = z.chunkStream(ChunkIterationOptions.defaults())) {
          for (ChunkBlock b : s) {
            float[] v = (float[]) b.values().data();
            check += sum ? sum(v, 0, v.length) : v[0];
          }
        }
      } else {
        z.getInto(prefix, buffer);
        if (sum) {
          check = sum(buffer, 0, buffer.length);
        } else {
          for (int i = 0; i < buffer.length; i += chunkElements) {
            check += buffer[i];
          }
        }
      }
      long t = System.nanoTime() - t0;
      long c = PeerBench.cpuNanos() - c0;
      long gc = gcMillis() - gc0;
      long allocated = allocatedBytes() - a0;
      System.err.printf(
          Locale.ROOT,
          "%s %s %d: %.3f s, CPU %.3f s, GC %d ms, allocated %.1f MB (check %.6g)%n",
          o.read,
          r < warmups ? "warm-up" : "run",
          r < warmups ? r + 1 : r - warmups + 1,
          t / 1e9,
          c / 1e9,
          gc,
          allocated / 1e6,
          check);
      if (r >= warmups) {
        System.out.printf(
            Locale.ROOT,
            "measured %.1f %.4f %d %.1f%n",
            bytes / (t / 1e9),
            (c / 1e9) / (bytes / (double) (1L << 30)),
            gc,
            allocated / (bytes / (double) (1L << 30)) / 1e6);
      }
    }
  }

  /** The caller's work with {@code --work sum}: every value added up (four independent sums). */
  private static double sum(float[] v, int from, int to) {
    double a = 0;
    double b = 0;
    double c = 0;
    double d = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      a += v[i];
      b += v[i + 1];
      c += v[i + 2];
      d += v[i + 3];
    }
    for (; i < to; i++) {
      a += v[i];
    }
    return a + b + c + d;
  }

  /**
   * Bytes allocated in the heap so far by this JVM's live threads (the chunk pool's workers live
   * through the runs), or 0 where the JVM does not count them.
   */
  private static long allocatedBytes() {
    java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
    if (!(t instanceof com.sun.management.ThreadMXBean sun)
        || !sun.isThreadAllocatedMemorySupported()) {
      return 0;
    }
    long sum = 0;
    for (long a : sun.getThreadAllocatedBytes(t.getAllThreadIds())) {
      sum += Math.max(0, a);
    }
    return sum;
  }

  /** Milliseconds all garbage collectors of this JVM have spent so far. */
  private static long gcMillis() {
    long ms = 0;
    for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
      ms += Math.max(0, g.getCollectionTime());
    }
    return ms;
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
