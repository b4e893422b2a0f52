package dev.zarr4j.bench;

import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/bench --scenario process}: whole processes as a user runs them, JVM start included.
 * {@code zarr4j export} and {@code zarr4j import} of the 8192 x 8192 float32 array (Blosc lz4,
 * chunks 512 x 512) against the same work in zarr-python 2, each a fresh process: {@code
 * np.save(out, zarr.open_array(store)[...])} and {@code zarr.array(np.load(f), ...)}. The page
 * cache is warm (every file is read once before timing); the outputs of both sides are checked
 * equal to the data after the last repetition.
 *
 * <p>The export runs twice per repetition: into a new file and over the file the last export of
 * that side left. Before every timed process the page cache is written back ({@code sync}) and the
 * bench pauses ({@code --pause}): on a virtual machine that hands freed memory back to its host
 * (Linux's free page reporting, 2 s after the pages are freed), a process that writes hundreds of
 * MB into pages freed an instant before ran more than twice as fast as one started after a pause,
 * which is what a job started later meets. Without the pause, each run's time depended on how long
 * ago the last one had freed its output.
 */
final class ProcessBench {
  private static final String PY_EXPORT =
      "import sys, numpy as np, zarr\n"
          + "np.save(sys.argv[2], zarr.open_array(sys.argv[1], mode='r')[...])\n";
  private static final String PY_IMPORT =
      "import sys, numpy as np, zarr, numcodecs\n"
          + "zarr.array(np.load(sys.argv[1]), chunks=(512, 512),"
          + " compressor=numcodecs.Blosc('lz4', 5, numcodecs.Blosc.SHUFFLE),"
          + " store=zarr.DirectoryStore(sys.argv[2]))\n";
  private static final String COMPRESSOR =
      "{\"id\":\"blosc\",\"cname\":\"lz4\",\"clevel\":5,\"shuffle\":1,\"blocksize\":0}";

  private ProcessBench() {}

  static boolean wanted(String[] args) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--scenario") && args[i + 1].equals("process")) {
        return true;
      }
    }
    return false;
  }

  /** Options of this scenario. */
  static final class Options {
    int size = 8192;
    int reps = 5;
    int warmup = 1;
    Path python = Path.of("/usr/bin/python3");
    List<String> zarr4j = List.of("bin/zarr4j");
    Path parent = Path.of(System.getProperty("java.io.tmpdir"));
    double waitIdle = 60;
    double pause = 3;
    boolean keep;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--scenario" -> i++;
          case "--size" -> o.size = Integer.parseInt(args[++i]);
          case "--reps" -> o.reps = Integer.parseInt(args[++i]);
          case "--warmup" -> o.warmup = Integer.parseInt(args[++i]);
          case "--python" -> o.python = Path.of(args[++i]);
          case "--zarr4j" -> o.zarr4j = List.of(args[++i].split(" "));
          case "--dir" -> o.parent = Path.of(args[++i]);
          case "--wait-idle" -> o.waitIdle = Double.parseDouble(args[++i]);
          case "--pause" -> o.pause = Double.parseDouble(args[++i]);
          case "--keep" -> o.keep = true;
          case "-h", "--help" -> {
            System.out.println(
                String.join(
                    "\n",
                    "usage: bin/bench --scenario process [options]",
                    "  whole-process zarr4j export/import vs the same job in zarr-python, JVM start",
                    "  included (each repetition a fresh process on each side, taking turns)",
                    "  --size N        array is N x N float32, a multiple of 512 (default 8192)",
                    "  --reps N        measured repetitions (default 5)",
                    "  --warmup N      warm-up repetitions (default 1)",
                    "  --zarr4j CMD    the command to run (default bin/zarr4j; bin/bench passes its",
                    "                  absolute path)",
                    "  --python PATH   interpreter with zarr 2 (default /usr/bin/python3)",
                    "  --dir DIR       where the temporary directory goes",
                    "  --wait-idle S   first wait up to S seconds for idle CPUs (default 60)",
                    "  --pause S       seconds to wait after the sync before each timed process",
                    "                  (default 3; see the scenario's notes in docs/benchmarks.md)",
                    "  --keep          keep the temporary directory"));
            System.exit(0);
          }
          default ->
              throw new IllegalArgumentException(
                  "unknown option " + args[i] + " for --scenario process (try --help)");
        }
      }
      if (o.size % 512 != 0) {
        throw new IllegalArgumentException("--size must be a multiple of 512");
      }
      if (!(o.pause >= 0)) {
        throw new IllegalArgumentException("--pause must be 0 or more seconds, got " + o.pause);
      }
      return o;
    }
  }

  static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    Path tmp =
        Files.createTempDirectory(Files.createDirectories(o.parent), "zarr4j-bench-process-");
    try {
      run(o, tmp);
    } finally {
      if (o.keep) {
        System.out.println("kept " + tmp);
      } else {
        PeerBench.deleteTree(tmp);
      }
    }
  }

  private static void run(Options o, Path tmp) throws Exception {
    long t0 = System.nanoTime();
    int n = o.size;
    long nbytes = (long) n * n * 4;
    System.err.printf(Locale.ROOT, "generating %dx%d float32 (%.1f MB)...%n", n, n, nbytes / 1e6);
    float[] values = BenchData.field(n, n, 42);
    NdArray data = NdArray.of(values, n, n);
    Path npy = tmp.resolve("data.npy");
    Npy.write(npy, data);
    Path pyExport = Files.writeString(tmp.resolve("export.py"), PY_EXPORT);
    Path pyImport = Files.writeString(tmp.resolve("import.py"), PY_IMPORT);
    Path source = tmp.resolve("source.zarr");
    System.err.println("writing the source array with zarr-python...");
    exec(tmp, List.of(o.python.toString(), pyImport.toString(), npy.toString(), source.toString()));
    // Build (if needed) and start zarr4j once, untimed, so its first timed run finds the jar.
    exec(tmp, command(o, "--version"));

    Path javaOut = tmp.resolve("java-out.npy");
    Path pyOut = tmp.resolve("python-out.npy");
    Path javaNew = tmp.resolve("java-new.npy");
    Path pyNew = tmp.resolve("python-new.npy");
    Path javaDst = tmp.resolve("java-dst.zarr");
    Path pyDst = tmp.resolve("python-dst.zarr");
    List<String> javaExport = command(o, "export", "-q", source.toString(), javaOut.toString());
    List<String> pythonExport =
        List.of(o.python.toString(), pyExport.toString(), source.toString(), pyOut.toString());
    List<String> javaExportNew = command(o, "export", "-q", source.toString(), javaNew.toString());
    List<String> pythonExportNew =
        List.of(o.python.toString(), pyExport.toString(), source.toString(), pyNew.toString());
    List<String> javaImport =
        command(
            o,
            "import",
            "-q",
            npy.toString(),
            javaDst.toString(),
            "--chunks",
            "512,512",
            "--compressor",
            COMPRESSOR);
    List<String> pythonImport =
        List.of(o.python.toString(), pyImport.toString(), npy.toString(), pyDst.toString());

    double idle = o.waitIdle > 0 ? MachineLoad.waitForIdle(o.waitIdle) : -1;
    long[] startCpu = MachineLoad.cpuTicks();
    long startOwn = ownAndChildTicks();
    Stats jn = new Stats();
    Stats pn = new Stats();
    Stats je = new Stats();
    Stats pe = new Stats();
    Stats ji = new Stats();
    Stats pi = new Stats();
    for (int rep = -o.warmup; rep < o.reps; rep++) {
      boolean measured = rep >= 0;
      boolean javaFirst = (rep & 1) == 0;
      for (int side = 0; side < 2; side++) {
        boolean java = (side == 0) == javaFirst;
        Files.deleteIfExists(java ? javaNew : pyNew);
        double s = settledExec(o, tmp, java ? javaExportNew : pythonExportNew);
        if (measured) {
          (java ? jn : pn).add(s);
        }
      }
      for (int side = 0; side < 2; side++) {
        boolean java = (side == 0) == javaFirst;
        double s = settledExec(o, tmp, java ? javaExport : pythonExport);
        if (measured) {
          (java ? je : pe).add(s);
        }
      }
      for (int side = 0; side < 2; side++) {
        boolean java = (side == 0) == javaFirst;
        Path dst = java ? javaDst : pyDst;
        PeerBench.deleteTree(dst);
        double s = settledExec(o, tmp, java ? javaImport : pythonImport);
        if (measured) {
          (java ? ji : pi).add(s);
        }
      }
    }
    long[] endCpu = MachineLoad.cpuTicks();
    long own = ownAndChildTicks() - startOwn;

    System.err.println("checking the outputs...");
    List<String> checks = new ArrayList<>();
    checks.add(check("zarr4j export", Npy.read(javaOut), values));
    checks.add(check("zarr-python export", Npy.read(pyOut), values));
    checks.add(check("zarr4j export (new file)", Npy.read(javaNew), values));
    checks.add(check("zarr-python export (new file)", Npy.read(pyNew), values));
    Path readBack = tmp.resolve("read-back.npy");
    for (Path dst : List.of(javaDst, pyDst)) {
      Files.deleteIfExists(readBack);
      exec(tmp, command(o, "export", "-q", dst.toString(), readBack.toString()));
      checks.add(check(dst.getFileName() + " (exported again)", Npy.read(readBack), values));
    }

    PrintStream out = System.out;
    out.println();
    out.printf(
        Locale.ROOT,
        "Whole processes: %d x %d <f4 (%.1f MB), Blosc lz4 (clevel 5, shuffle), chunks 512 x 512,"
            + " DirectoryStore in a temp dir, page cache warm; %d cores%n",
        n,
        n,
        nbytes / 1e6,
        Runtime.getRuntime().availableProcessors());
    out.println("zarr4j: " + String.join(" ", o.zarr4j) + " (JVM start and the script included)");
    out.println(
        "zarr-python: "
            + o.python
            + " running np.save(out, zarr.open_array(src)[...]) and zarr.array(np.load(f), ...)"
            + " (c-blosc's default threading)");
    if (startCpu != null && endCpu != null && endCpu[1] > startCpu[1]) {
      double total = endCpu[1] - startCpu[1];
      double busy = (endCpu[0] - startCpu[0]) / total;
      double others = Math.max(0, busy - own / total);
      out.printf(
          Locale.ROOT,
          "machine load during the run: CPUs %.0f%% busy, %.0f%% by other processes%s%n",
          busy * 100,
          others * 100,
          idle >= 0 ? String.format(Locale.ROOT, " (%.0f%% just before it)", idle * 100) : "");
    }
    out.printf(
        Locale.ROOT,
        "median (best) seconds of %d measured repetitions after %d warm-up, sides taking turns;"
            + " MB/s of uncompressed data (1 MB = 1e6 bytes); before each process: sync, then a"
            + " %.1f s pause%n%n",
        o.reps,
        o.warmup,
        o.pause);
    out.printf(
        Locale.ROOT,
        "%-22s %23s %23s %17s%n",
        "job",
        "zarr4j s (MB/s)",
        "zarr-python s (MB/s)",
        "zarr4j/python");
    row(out, "export, new file", jn, pn, nbytes);
    row(out, "export over last", je, pe, nbytes);
    row(out, "import", ji, pi, nbytes);
    out.println(
        "  (export over last: the output exists, the one that side's last export wrote; zarr4j"
            + " writes a new file and renames it over the old, np.save truncates the old file and"
            + " writes into it)");
    out.println();
    out.println("checks (after the last repetition, not timed):");
    for (String c : checks) {
      out.println("  " + c);
    }
    out.printf(Locale.ROOT, "%ntotal %.0f s%n", (System.nanoTime() - t0) / 1e9);
  }

  private static void row(PrintStream out, String job, Stats java, Stats python, long nbytes) {
    out.printf(
        Locale.ROOT,
        "%-22s %10.2f (%4.2f) %5.0f %10.2f (%4.2f) %5.0f %17.2fx%n",
        job,
        java.median(),
        java.best(),
        java.medianRate(nbytes),
        python.median(),
        python.best(),
        python.medianRate(nbytes),
        python.median() / java.median());
  }

  private static String check(String what, NdArray got, float[] expected) {
    boolean equal =
        got.data() instanceof float[] f
            && got.size() == expected.length
            && Arrays.equals(f, expected);
    return what + ": " + (equal ? "equal to the data" : "DIFFERS from the data");
  }

  private static List<String> command(Options o, String... args) {
    List<String> c = new ArrayList<>(o.zarr4j);
    c.addAll(List.of(args));
    return c;
  }

  /**
   * Writes the page cache back and pauses for {@code o.pause} seconds (both untimed), then runs
   * {@code command} as {@link #exec} does.
   */
  private static double settledExec(Options o, Path dir, List<String> command)
      throws IOException, InterruptedException {
    PageCache.settle();
    Thread.sleep(Math.round(o.pause * 1000));
    return exec(dir, command);
  }

  /** Runs a process to completion; its wall-clock seconds. Fails on a non-zero exit. */
  private static double exec(Path dir, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Path err = dir.resolve("stderr.txt");
    pb.redirectError(err.toFile());
    long t = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", command));
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    if (p.exitValue() != 0) {
      throw new IOException(
          "exit "
              + p.exitValue()
              + ": "
              + String.join(" ", command)
              + "\n"
              + Files.readString(err));
    }
    return seconds;
  }

  /** CPU jiffies of this JVM and of its finished child processes. */
  private static long ownAndChildTicks() {
    try {
      String s = Files.readString(Path.of("/proc/self/stat"));
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      long ticks = 0;
      for (int i = 11; i <= 14; i++) { // utime, stime, cutime, cstime
        ticks += Long.parseLong(f[i]);
      }
      return ticks;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
