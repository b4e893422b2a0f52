package dev.zarr4j.bench;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.ChunkBlock;
import dev.zarr4j.ChunkIterationOptions;
import dev.zarr4j.ChunkStream;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import java.io.BufferedReader;
import java.io.InputStreamReader;
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
 * {@code --codec}) is generated once under {@code --dir} and kept for later runs. The in-memory
 * rate is a full read of its first {@code --prefix} MiB into one reused {@code float[]} ({@code
 * getInto}) in this JVM; the iterator rate is a {@link ChunkStream} over the whole array (default
 * options, a checksum of every value as the caller's work) in a child JVM with {@code
 * -Xmx<--heap>}. Each rate is the median of {@code --reps} runs after one warm-up.
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
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    String child;

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
          case "--dir" -> o.dir = Path.of(args[++i]);
          case "--child" -> o.child = args[++i];
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
                    "  --reps N       measured runs of each read (default 5)",
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
      child(Path.of(o.child), o.reps);
      return;
    }
    Path array = generate(o);
    ZarrArray z = Zarr.openArray(array);
    long prefixRows = o.prefixRows();
    float[] buffer = new float[Math.toIntExact(prefixRows * o.cols)];
    String prefix = "0:" + prefixRows + ", :";
    List<Double> inMemory = new ArrayList<>();
    for (int r = 0; r <= o.reps; r++) {
      long t0 = System.nanoTime();
      z.getInto(prefix, buffer);
      double s = (System.nanoTime() - t0) / 1e9;
      if (r > 0) {
        inMemory.add((o.prefixMiB << 20) / s);
      }
    }
    buffer = null;
    List<Double> streamed = runChild(o, array);
    double mem = median(inMemory);
    double it = median(streamed);
    System.out.printf(
        Locale.ROOT,
        "%n| read (%s, %d x %d float32, chunks %d x %d) | MB/s (median of %d) |%n|---|---|%n"
            + "| in memory: getInto of the first %d MiB, this JVM | %.0f |%n"
            + "| chunk iterator: all %d MiB, child JVM -Xmx%s | %.0f |%n"
            + "| iterator / in memory (target >= 0.80) | %.2f |%n",
        o.codec,
        o.rows(),
        o.cols,
        o.chunk,
        o.chunk,
        o.reps,
        o.prefixMiB,
        mem / 1e6,
        o.sizeMiB,
        o.heap,
        it / 1e6,
        it / mem);
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

  /** Runs the iterating child and returns its rates (bytes per second), one per measured run. */
  private static List<Double> runChild(Options o, Path array) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + o.heap);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(PeerBench.class.getName());
    cmd.add("--child");
    cmd.add(array.toString());
    cmd.add("--reps");
    cmd.add(Integer.toString(o.reps));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    List<Double> rates = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.append(line).append('\n');
        if (line.startsWith("rate ")) {
          rates.add(Double.parseDouble(line.substring(5).trim()));
        }
      }
    }
    if (p.waitFor() != 0 || rates.isEmpty()) {
      throw new IllegalStateException("the iterating child failed:\n" + out);
    }
    return rates;
  }

  /** In the child: iterates the whole array 1 + reps times, printing each measured rate. */
  private static void child(Path array, int reps) {
    ZarrArray z = Zarr.openArray(array);
    long bytes = z.nbytes();
    for (int r = 0; r <= reps; r++) {
      long t0 = System.nanoTime();
      double sum = 0;
      try (ChunkStream s = z.chunkStream(ChunkIterationOptions.defaults())) {
        for (ChunkBlock b : s) {
          float[] v = (float[]) b.values().data();
          for (float x : v) {
            sum += x;
          }
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.err.printf(Locale.ROOT, "iterator run %d: %.2f s (checksum %.6g)%n", r, seconds, sum);
      if (r > 0) {
        System.out.println("rate " + bytes / seconds);
      }
    }
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
