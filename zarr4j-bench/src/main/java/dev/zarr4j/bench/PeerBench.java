package dev.zarr4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.CodecBackend;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.internal.ChunkExecutor;
import dev.zarr4j.internal.ChunkScratch;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import dev.zarr4j.ndarray.RawCopy;
import dev.zarr4j.store.DirectoryStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * zarr4j against zarr-python on the same data in the same run: full writes and reads of a 2-d
 * float32 array in a directory store, and reads of row and column bands one chunk thick, for no
 * compressor, Blosc-LZ4 with shuffle and Zstd level 3, plus the raw limits (reading the chunk files
 * alone, the codec alone). Run with {@code bin/bench}; {@code bin/bench --help} lists the options.
 *
 * <p>Each repetition runs zarr4j and zarr-python back to back (interleaved), so load from other
 * processes on the machine hits both alike; the table reports the best and the median of the
 * repetitions, and the ratio zarr4j / zarr-python of each. The page cache is written back ({@code
 * sync}, untimed) before every side's full write, before the reads that follow the writes, and
 * before each timed write of the write limit, so that no timed operation pays for the writeback of
 * files an earlier one wrote (as {@link V3Bench}'s pairs do).
 */
public final class PeerBench {
  static final double READ_TARGET = 1.2;
  static final double WRITE_TARGET = 1.3;

  /** Target of the band rows: ahead of zarr-python's faster mode (issue 14). */
  static final double SHAPE_TARGET = 1.0;

  /** Bands read in one measurement of a band row (fewer when the array has fewer). */
  static final int BANDS = 4;

  /**
   * The chunk pool the raw limits run on: the process default, the pool arrays use unless
   * configured otherwise ({@code -Dzarr4j.threads=N} workers, else one per processor).
   */
  private static final ChunkExecutor CHUNKS = ChunkExecutor.processDefault();

  private PeerBench() {}

  /** Command line options. */
  static final class Options {
    int size = 8192;
    int chunk = 512;
    int reps = 5;
    int warmup = 1;
    List<String> codecs = List.of("none", "blosc-lz4", "zstd-3");
    Path python = Path.of("/usr/bin/python3");
    boolean usePython = true;
    boolean useZarrJava = true;
    Path parent = Path.of(System.getProperty("java.io.tmpdir"));
    boolean keep;
    boolean main = true;
    boolean index;
    boolean codecScenario;
    boolean shardWrite;
    int codecChunks = 16;
    double codecSeconds = 0.25;
    List<String> codecList;
    boolean limits = true;
    boolean write = true;
    boolean read = true;
    long seed = 42;
    double waitIdle = 60;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--size" -> o.size = Integer.parseInt(args[++i]);
          case "--chunk" -> o.chunk = Integer.parseInt(args[++i]);
          case "--reps" -> o.reps = Integer.parseInt(args[++i]);
          case "--warmup" -> o.warmup = Integer.parseInt(args[++i]);
          case "--codecs" -> o.codecs = List.of(args[++i].split(","));
          case "--python" -> o.python = Path.of(args[++i]);
          case "--no-python" -> o.usePython = false;
          case "--no-zarr-java" -> o.useZarrJava = false;
          case "--dir" -> o.parent = Path.of(args[++i]);
          case "--keep" -> o.keep = true;
          case "--seed" -> o.seed = Long.parseLong(args[++i]);
          case "--wait-idle" -> o.waitIdle = Double.parseDouble(args[++i]);
          case "--no-limits" -> o.limits = false;
          case "--ops" -> {
            List<String> ops = List.of(args[++i].split(","));
            o.write = ops.contains("write");
            o.read = ops.contains("read");
          }
          case "--codec-chunks" -> o.codecChunks = Integer.parseInt(args[++i]);
          case "--codec-seconds" -> o.codecSeconds = Double.parseDouble(args[++i]);
          case "--codec-list" -> o.codecList = List.of(args[++i].split(","));
          case "--scenario" -> {
            String s = args[++i];
            o.main = s.equals("main") || s.equals("all");
            o.index = s.equals("index") || s.equals("all");
            o.codecScenario = s.equals("codecs") || s.equals("all");
            o.shardWrite = s.equals("shardwrite") || s.equals("all");
            if (!o.main && !o.index && !o.codecScenario && !o.shardWrite) {
              throw new IllegalArgumentException(
                  "--scenario is main, index, codecs, shardwrite, all, v3 or remote, not " + s);
            }
          }
          case "-h", "--help" -> {
            System.out.println(
                String.join(
                    "\n",
                    "usage: bin/bench [options]",
                    "  --size N        array is N x N float32 (default 8192)",
                    "  --chunk N       chunks are N x N (default 512)",
                    "  --reps N        measured repetitions (default 5)",
                    "  --warmup N      warm-up repetitions (default 1)",
                    "  --codecs LIST   comma-separated: none,blosc-lz4,zstd-3 (default all)",
                    "  --scenario S    main (default: full writes and reads, 512-row and 512-column",
                    "                  bands), index (random windows on every codec, coordinates,",
                    "                  elements), codecs",
                    "                  (each compressor alone, zarr4j's default and pure-Java paths",
                    "                  next to numcodecs), shardwrite (random inner-chunk writes on a",
                    "                  sharded v3 array: partial vs whole-shard path; zarr4j only) or all;",
                    "                  v3 runs alone: Zarr v3 and sharding vs zarr-java",
                    "                  (bin/bench --scenario v3 --help for its options);",
                    "                  process runs alone: whole zarr4j processes (export,",
                    "                  import) vs zarr-python (bin/bench --scenario process --help);",
                    "                  iterator runs alone: the chunk iterator in a small heap vs an",
                    "                  in-memory read (bin/bench --scenario iterator --help);",
                    "                  remote runs alone: S3 through a latency proxy",
                    "                  (bin/bench --scenario remote --help)",
                    "  --codec-chunks N  chunks per codec in the codecs scenario (default 16)",
                    "  --codec-seconds S minimum time of one codecs measurement (default 0.25)",
                    "  --codec-list L    comma-separated subset of the codecs scenario's codecs",
                    "  --no-limits     skip the raw-limit rows (file reads, codec alone)",
                    "  --ops LIST      write,read (default both; a read-only run writes once first)",
                    "  --python PATH   interpreter with zarr 2 (default /usr/bin/python3)",
                    "  --no-python     no zarr-python",
                    "  --no-zarr-java  no zarr-java 0.0.9 (its Zarr v2 API) in the main table",
                    "  --dir DIR       where the temporary directory goes (default java.io.tmpdir)",
                    "  --keep          keep the temporary directory",
                    "  --seed N        data seed (default 42)",
                    "  --wait-idle S   first wait up to S seconds for other processes to leave the",
                    "                  CPUs idle (default 60; 0 to start at once)"));
            System.exit(0);
          }
          default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
        }
      }
      if (o.size % o.chunk != 0) {
        throw new IllegalArgumentException("--size must be a multiple of --chunk");
      }
      return o;
    }
  }

  static BytesToBytesCodec codec(String name) {
    return switch (name) {
      case "none" -> null;
      case "blosc-lz4" -> Blosc.of("lz4", 5, 1, 0);
      case "zstd-3" -> Zstd.of(3);
      default -> throw new IllegalArgumentException("unknown codec " + name);
    };
  }

  /** Python modes worth trying per codec; the table keeps zarr-python's best. */
  static List<String> pythonModes(String codec) {
    return codec.startsWith("blosc") ? List.of("threads", "nothreads") : List.of("threads");
  }

  public static void main(String[] args) throws Exception {
    if (V3Bench.wanted(args)) {
      V3Bench.main(args);
      return;
    }
    if (ProcessBench.wanted(args)) {
      ProcessBench.main(args);
      return;
    }
    if (IteratorBench.wanted(args)) {
      IteratorBench.main(args);
      return;
    }
    if (RemoteBench.wanted(args)) {
      RemoteBench.main(args);
      return;
    }
    Options o = Options.parse(args);
    Path tmp = Files.createTempDirectory(Files.createDirectories(o.parent), "zarr4j-bench-");
    try {
      run(o, tmp);
    } finally {
      if (!o.keep) {
        deleteTree(tmp);
      } else {
        System.out.println("kept " + tmp);
      }
    }
  }

  private static void run(Options o, Path tmp) throws Exception {
    long t0 = System.nanoTime();
    int n = o.size;
    long nbytes = (long) n * n * 4;
    System.err.printf(Locale.ROOT, "generating %dx%d float32 (%.1f MB)...%n", n, n, nbytes / 1e6);
    float[] data = BenchData.field(n, n, o.seed);
    NdArray array = NdArray.of(data, n, n);
    Path npy = tmp.resolve("data.npy");
    if (o.main || o.index) {
      Npy.write(npy, array);
    }

    PythonWorker py = null;
    if (o.usePython) {
      if (!Files.isExecutable(o.python)) {
        throw new IOException(o.python + " not found; pass --python PATH or --no-python");
      }
      py = new PythonWorker(o.python, tmp);
      if (o.main || o.index) {
        py.call("load", Map.of("npy", npy.toString()));
      }
    }
    Report report = new Report(o, nbytes, py == null ? null : py.info);
    long pyPid = py == null ? 0 : py.pid();
    if (o.waitIdle > 0) {
      report.idleBefore(MachineLoad.waitForIdle(o.waitIdle));
    }
    MachineLoad load = MachineLoad.start(pyPid);
    try {
      if (o.main) {
        for (String c : o.codecs) {
          mainScenario(o, tmp, c, array, py, report);
        }
      }
      if (o.index) {
        IndexScenario.run(o, tmp, array, py, report);
      }
      if (o.codecScenario) {
        CodecScenario.run(o, tmp, array, py, report);
      }
      if (o.shardWrite) {
        ShardWriteScenario.run(o, tmp, array, report);
      }
    } finally {
      if (load != null) {
        report.load(load.since(pyPid));
      }
      if (py != null) {
        py.close();
      }
    }
    report.print(System.out, (System.nanoTime() - t0) / 1e9);
  }

  // ---------------------------------------------------------------- main scenario

  private static void mainScenario(
      Options o, Path tmp, String codecName, NdArray data, PythonWorker py, Report report)
      throws Exception {
    System.err.println("codec " + codecName + "...");
    BytesToBytesCodec codec = codec(codecName);
    Path jdir = tmp.resolve("java-" + codecName);
    Path pdir = tmp.resolve("python-" + codecName);
    List<String> modes = pythonModes(codecName);
    Stats jw = new Stats();
    Stats jr = new Stats();
    Map<String, Stats> pw = new LinkedHashMap<>();
    Map<String, Stats> pr = new LinkedHashMap<>();
    for (String m : modes) {
      pw.put(m, new Stats());
      pr.put(m, new Stats());
    }
    int chunk = o.chunk;
    // zarr-java's Zarr v2 API, when it has the codec
    String zjUnsupported = o.useZarrJava ? ZarrJavaPeer.v2Unsupported(codecName) : null;
    boolean zarrJava = o.useZarrJava && zjUnsupported == null;
    Path zdir = tmp.resolve("zarr-java-" + codecName);
    Stats zw = new Stats();
    Stats zr = new Stats();
    for (int rep = -o.warmup; rep < o.reps; rep++) {
      boolean measured = rep >= 0;
      boolean first = rep == -o.warmup;
      // who goes first rotates (zarr4j, zarr-python, zarr-java), so no side always follows the
      // same other side's file churn
      int[] order = {Math.floorMod(rep, 3), Math.floorMod(rep + 1, 3), Math.floorMod(rep + 2, 3)};
      // write (a read-only run writes once, unmeasured)
      if (o.write || first) {
        // a sync, untimed, before every write that runs: none pays for the writeback of the one
        // before
        for (int side : order) {
          if (side == 0) {
            PageCache.settle();
            double[] s = javaWrite(jdir, data, codec, chunk);
            if (measured && o.write) {
              jw.add(s[0], s[1]);
            }
          } else if (side == 1 && py != null) {
            for (String m : modes) {
              PageCache.settle();
              JsonNode r = py.call("write", pyArgs(pdir, codecName, chunk, m, false));
              if (measured && o.write) {
                pw.get(m).add(r.get("seconds").asDouble(), r.get("cpu").asDouble());
              }
            }
          } else if (side == 2 && zarrJava) {
            PageCache.settle();
            double[] s = zarrJavaWrite(zdir, data, codecName, chunk);
            if (measured && o.write) {
              zw.add(s[0], s[1]);
            }
          }
        }
      }
      if (!o.read) {
        continue;
      }
      if (o.write || first) {
        PageCache.settle(); // the reads start on a machine done writing
      }
      for (int side : order) {
        if (side == 0) {
          double[] s = javaRead(jdir, data, first);
          if (measured) {
            jr.add(s[0], s[1]);
          }
        } else if (side == 1 && py != null) {
          for (String m : modes) {
            JsonNode r = py.call("read", pyArgs(pdir, codecName, chunk, m, first));
            if (first && !r.get("equal").asBoolean()) {
              throw new IllegalStateException(
                  "zarr-python read back different data for " + codecName);
            }
            if (measured) {
              pr.get(m).add(r.get("seconds").asDouble(), r.get("cpu").asDouble());
            }
          }
        } else if (side == 2 && zarrJava) {
          double[] s = zarrJavaRead(zdir, data, first);
          if (measured) {
            zr.add(s[0], s[1]);
          }
        }
      }
    }
    if (zarrJava) {
      crossCheckZarrJava(codecName, jdir, zdir, data, report);
    }
    if (py != null) {
      // cross-check: each side reads the other's array (not timed)
      JsonNode r = py.call("read", pyArgs(jdir, codecName, chunk, modes.get(0), true));
      if (!r.get("equal").asBoolean()) {
        throw new IllegalStateException(
            "zarr-python reads zarr4j's " + codecName + " array differently");
      }
      if (Files.exists(pdir)) {
        javaRead(pdir, data, true);
      }
    }
    if (o.useZarrJava && zjUnsupported != null) {
      report.mainNote("zarr-java n/a for " + codecName + ": " + zjUnsupported);
    }
    if (o.write) {
      report.main(codecName, "write", jw, pw, zarrJava ? zw : null);
    }
    if (o.read) {
      report.main(codecName, "read", jr, pr, zarrJava ? zr : null);
      for (boolean rows : new boolean[] {true, false}) {
        bandRows(o, codecName, rows, jdir, pdir, zarrJava ? zdir : null, data, py, report);
      }
    }

    if (o.limits) {
      limits(o, codecName, codec, jdir, data, py, report);
    }
  }

  /**
   * The chunk-aligned bands one chunk thick that one band measurement reads, as {@code {i, j, h,
   * w}}: {@link #BANDS} row bands (each {@code chunk} rows by the whole width: one row of chunks)
   * or column bands, spread evenly over the array.
   */
  static List<int[]> bands(int n, int m, int chunk, boolean rows) {
    int across = (rows ? n : m) / chunk;
    int count = Math.min(BANDS, across);
    List<int[]> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      int start = (k * across / count) * chunk;
      out.add(rows ? new int[] {start, 0, chunk, m} : new int[] {0, start, n, chunk});
    }
    return out;
  }

  /**
   * Row or column bands of the arrays the main scenario wrote: zarr4j, zarr-python (both Blosc
   * modes) and zarr-java (null {@code zdir}: not run) each read {@link #bands} of their own array,
   * taking turns to go first; the first repetition checks the values (not timed).
   */
  private static void bandRows(
      Options o,
      String codecName,
      boolean rows,
      Path jdir,
      Path pdir,
      Path zdir,
      NdArray data,
      PythonWorker py,
      Report report)
      throws Exception {
    List<int[]> regions = bands(data.shape(0), data.shape(1), o.chunk, rows);
    long bytes = 0;
    List<List<Integer>> pyRegions = new ArrayList<>();
    for (int[] r : regions) {
      bytes += 4L * r[2] * r[3];
      pyRegions.add(List.of(r[0], r[1], r[2], r[3]));
    }
    List<String> modes = pythonModes(codecName);
    Stats js = new Stats();
    Stats zs = new Stats();
    Map<String, Stats> ps = new LinkedHashMap<>();
    for (String m : modes) {
      ps.put(m, new Stats());
    }
    for (int rep = -o.warmup; rep < o.reps; rep++) {
      boolean measured = rep >= 0;
      boolean first = rep == -o.warmup;
      int[] order = {Math.floorMod(rep, 3), Math.floorMod(rep + 1, 3), Math.floorMod(rep + 2, 3)};
      for (int side : order) {
        if (side == 0) {
          double[] s = javaRegions(jdir, regions, data, first);
          if (measured) {
            js.add(s[0], s[1]);
          }
        } else if (side == 1 && py != null) {
          for (String m : modes) {
            Map<String, Object> a = pyArgs(pdir, codecName, o.chunk, m, first);
            a.put("regions", pyRegions);
            JsonNode r = py.call("regions", a);
            if (first && !r.get("equal").asBoolean()) {
              throw new IllegalStateException("zarr-python read different bands of " + codecName);
            }
            if (measured) {
              ps.get(m).add(r.get("seconds").asDouble(), r.get("cpu").asDouble());
            }
          }
        } else if (side == 2 && zdir != null) {
          double[] s = zarrJavaRegions(zdir, regions, data, first);
          if (measured) {
            zs.add(s[0], s[1]);
          }
        }
      }
    }
    String what =
        String.format(
            Locale.ROOT,
            "%s x%d",
            rows ? o.chunk + "-row band" : o.chunk + "-col band",
            regions.size());
    report.shape(codecName, what, bytes, SHAPE_TARGET, js, ps, zdir == null ? null : zs);
  }

  /** Opens the array (not timed) and times reading each region: wall-clock and CPU seconds. */
  static double[] javaRegions(Path dir, List<int[]> regions, NdArray expected, boolean verify) {
    ZarrArray z = Zarr.openArray(new DirectoryStore(dir), OpenMode.READ);
    NdArray[] outs = new NdArray[regions.size()];
    System.gc();
    long c = cpuNanos();
    long t = System.nanoTime();
    for (int k = 0; k < outs.length; k++) {
      int[] r = regions.get(k);
      outs[k] = z.get(Slice.of(r[0], r[0] + r[2]), Slice.of(r[1], r[1] + r[3]));
    }
    double[] s = {(System.nanoTime() - t) / 1e9, (cpuNanos() - c) / 1e9};
    if (verify) {
      for (int k = 0; k < outs.length; k++) {
        checkRegion((float[]) outs[k].data(), expected, regions.get(k), "zarr4j");
      }
    }
    return s;
  }

  /** Opens the array with zarr-java (not timed) and times its parallel reads of each region. */
  static double[] zarrJavaRegions(Path dir, List<int[]> regions, NdArray expected, boolean verify)
      throws Exception {
    dev.zarr.zarrjava.v2.Array z = ZarrJavaPeer.openV2(dir);
    Object[] outs = new Object[regions.size()];
    System.gc();
    long c = cpuNanos();
    long t = System.nanoTime();
    for (int k = 0; k < outs.length; k++) {
      int[] r = regions.get(k);
      outs[k] = ZarrJavaPeer.readParallel(z, r[0], r[1], r[2], r[3]);
    }
    double[] s = {(System.nanoTime() - t) / 1e9, (cpuNanos() - c) / 1e9};
    if (verify) {
      for (int k = 0; k < outs.length; k++) {
        checkRegion(ZarrJavaPeer.values(outs[k]), expected, regions.get(k), "zarr-java");
      }
    }
    return s;
  }

  /** Throws unless {@code got} holds the region {@code {i, j, h, w}} of {@code expected}. */
  static void checkRegion(float[] got, NdArray expected, int[] r, String who) {
    float[] d = (float[]) expected.data();
    int m = expected.shape(1);
    for (int a = 0; a < r[2]; a++) {
      for (int b = 0; b < r[3]; b++) {
        if (Float.floatToIntBits(got[a * r[3] + b])
            != Float.floatToIntBits(d[(r[0] + a) * m + r[1] + b])) {
          throw new IllegalStateException(
              who + ": region " + Arrays.toString(r) + " differs at (" + a + ", " + b + ")");
        }
      }
    }
  }

  /**
   * zarr4j and zarr-java read each other's arrays (not timed). Different values stop the run; an
   * array one side refuses to open is a note under the table (zarr-java 0.0.9 writes a {@code
   * typesize} into a Zarr v2 Blosc compressor's configuration, which numcodecs 0.11 and zarr4j
   * refuse as an unknown key).
   */
  private static void crossCheckZarrJava(
      String codecName, Path jdir, Path zdir, NdArray data, Report report) throws Exception {
    try {
      javaRead(zdir, data, true);
    } catch (dev.zarr4j.exceptions.ZarrException e) {
      report.mainNote(
          "cross-check " + codecName + ": zarr4j cannot read zarr-java's array: " + e.getMessage());
    }
    float[] got;
    try {
      got = ZarrJavaPeer.values(ZarrJavaPeer.readAll(ZarrJavaPeer.openV2(jdir)));
    } catch (Exception e) {
      report.mainNote("cross-check " + codecName + ": zarr-java cannot read zarr4j's array: " + e);
      return;
    }
    if (!Arrays.equals(got, (float[]) data.data())) {
      throw new IllegalStateException(
          "zarr-java reads zarr4j's " + codecName + " array differently");
    }
  }

  private static Map<String, Object> pyArgs(
      Path dir, String codec, int chunk, String mode, boolean verify) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dir", dir.toString());
    m.put("codec", codec);
    m.put("chunks", List.of(chunk, chunk));
    m.put("mode", mode);
    m.put("verify", verify);
    return m;
  }

  /**
   * Creates a fresh array (not timed) and times writing all of {@code data} to it.
   *
   * @return wall-clock and process CPU seconds
   */
  static double[] javaWrite(Path dir, NdArray data, BytesToBytesCodec codec, int chunk)
      throws IOException {
    deleteTree(dir);
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(new DirectoryStore(dir))
                .shape(data.shape(0), data.shape(1))
                .chunks(chunk, chunk)
                .dtype(DataType.parse("<f4"))
                .compressor(codec)
                .build());
    System.gc();
    long c = cpuNanos();
    long t = System.nanoTime();
    z.set(data);
    return new double[] {(System.nanoTime() - t) / 1e9, (cpuNanos() - c) / 1e9};
  }

  /**
   * Creates a fresh Zarr v2 array with zarr-java (not timed) and times writing all of {@code data}
   * to it through zarr-java's parallel whole-array write.
   *
   * @return wall-clock and process CPU seconds
   */
  static double[] zarrJavaWrite(Path dir, NdArray data, String codecName, int chunk)
      throws Exception {
    int rows = data.shape(0);
    int cols = data.shape(1);
    dev.zarr.zarrjava.v2.Array z =
        ZarrJavaPeer.createV2(dir, new long[] {rows, cols}, new int[] {chunk, chunk}, codecName);
    float[] values = (float[]) data.data();
    System.gc();
    long c = cpuNanos();
    long t = System.nanoTime();
    ZarrJavaPeer.writeAll(z, values, rows, cols);
    return new double[] {(System.nanoTime() - t) / 1e9, (cpuNanos() - c) / 1e9};
  }

  /**
   * Opens the Zarr v2 array in {@code dir} with zarr-java (not timed) and times reading all of it
   * through its parallel whole-array read; with {@code verify}, compares the values (untimed).
   *
   * @return wall-clock and process CPU seconds
   */
  static double[] zarrJavaRead(Path dir, NdArray expected, boolean verify) throws Exception {
    dev.zarr.zarrjava.v2.Array z = ZarrJavaPeer.openV2(dir);
    System.gc();
    long c = cpuNanos();
    long t = System.nanoTime();
    Object out = ZarrJavaPeer.readAll(z);
    double[] s = {(System.nanoTime() - t) / 1e9, (cpuNanos() - c) / 1e9};
    if (verify && !Arrays.equals(ZarrJavaPeer.values(out), (float[]) expected.data())) {
      throw new IllegalStateException("zarr-java read back different data from " + dir);
    }
    return s;
  }

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** CPU time of the whole process (every thread, GC and JIT included). */
  static long cpuNanos() {
    return OS.getProcessCpuTime();
  }

  /** Opens the array (not timed) and times reading all of it: wall-clock and CPU seconds. */
  static double[] javaRead(Path dir, NdArray expected, boolean verify) {
    ZarrArray z = Zarr.openArray(new DirectoryStore(dir), OpenMode.READ);
    System.gc();
    long c = cpuNanos();
    long t = System.nanoTime();
    NdArray out = z.get();
    double[] s = {(System.nanoTime() - t) / 1e9, (cpuNanos() - c) / 1e9};
    if (verify && !Arrays.equals((float[]) out.data(), (float[]) expected.data())) {
      throw new IllegalStateException("zarr4j read back different data from " + dir);
    }
    return s;
  }

  // ---------------------------------------------------------------- raw limits

  private static void limits(
      Options o,
      String codecName,
      BytesToBytesCodec codec,
      Path jdir,
      NdArray data,
      PythonWorker py,
      Report report)
      throws Exception {
    List<Path> files = chunkFiles(jdir);
    long stored = 0;
    for (Path f : files) {
      stored += Files.size(f);
    }
    report.stored(codecName, stored, files.size());
    // reading the chunk files: FileChannel into right-sized heap buffers
    Stats par = new Stats();
    Stats one = new Stats();
    Stats reused = new Stats();
    Stats store = new Stats();
    Stats storeInto = new Stats();
    DirectoryStore ds = new DirectoryStore(jdir);
    List<String> keys =
        files.stream().map(f -> f.getFileName().toString()).collect(Collectors.toList());
    Stats pyFiles = new Stats();
    // zarr4j's full read without allocating the result: getInto one reused array
    Stats into = new Stats();
    ZarrArray z = Zarr.openArray(ds, OpenMode.READ);
    float[] reusedResult = new float[data.shape(0) * data.shape(1)];
    // the chunk layout alone, for reference (not part of the limit): each chunk's elements moved
    // between a thread's reused chunk buffer and their place in the row-major array
    Stats scatter = new Stats();
    Stats gather = new Stats();
    ThreadLocal<ByteBuffer> chunkBuffer =
        ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(4 * o.chunk * o.chunk).order(ByteOrder.LITTLE_ENDIAN));
    for (int rep = -o.warmup; rep < o.reps; rep++) {
      double g = time(() -> z.getInto("...", reusedResult));
      if (rep >= 0) {
        into.add(g);
      }
      double sc = time(() -> moveChunks(reusedResult, data, o.chunk, chunkBuffer, true));
      double ga = time(() -> moveChunks((float[]) data.data(), data, o.chunk, chunkBuffer, false));
      if (rep >= 0) {
        scatter.add(sc);
        gather.add(ga);
      }
      double a = time(() -> CHUNKS.forEach(files.iterator(), PeerBench::readFile));
      double b = time(() -> files.forEach(PeerBench::readFile));
      ByteBuffer direct = ByteBuffer.allocateDirect((int) Files.size(files.get(0)) * 2 + 4096);
      double b2 = time(() -> files.forEach(f -> readFileInto(f, direct)));
      double c = time(() -> CHUNKS.forEach(keys.iterator(), k -> ds.get(k).orElseThrow()));
      double c2 =
          time(
              () ->
                  CHUNKS.forEach(
                      keys.iterator(),
                      k -> {
                        try (ChunkScratch.Lease lease = ChunkScratch.get().lease(codec == null)) {
                          ds.getInto(k, lease).orElseThrow();
                        }
                      }));
      double p =
          py == null
              ? 0
              : py.call("readfiles", Map.of("dir", jdir.toString())).get("seconds").asDouble();
      if (rep >= 0) {
        par.add(a);
        one.add(b);
        reused.add(b2);
        store.add(c);
        storeInto.add(c2);
        if (py != null) {
          pyFiles.add(p);
        }
      }
    }
    report.limit(
        codecName,
        "read files, new heap buffer each, " + CHUNKS.parallelism() + " threads",
        par,
        null);
    report.limit(
        codecName,
        "read files, new heap buffer each, 1 thread",
        one,
        pyFiles.isEmpty() ? null : pyFiles);
    report.limit(codecName, "read files, one reused direct buffer, 1 thread", reused, null);
    report.limit(
        codecName,
        "DirectoryStore.get all chunks, " + CHUNKS.parallelism() + " threads",
        store,
        null);
    report.limit(
        codecName,
        "DirectoryStore.getInto reused buffers, " + CHUNKS.parallelism() + " threads",
        storeInto,
        null);
    report.limit(codecName, "zarr4j full read into a reused float[] (getInto)", into, null);
    report.limit(
        codecName,
        LAYOUT_ROW + " into a reused float[], " + CHUNKS.parallelism() + " threads",
        scatter,
        null);
    report.limit(
        codecName,
        LAYOUT_ROW + " out of the float[], " + CHUNKS.parallelism() + " threads",
        gather,
        null);
    report.layout(codecName, scatter, gather);
    // writing the chunk files: the stored bytes as new files, as the store writes a value
    Stats written = new Stats();
    Stats storeSet = new Stats();
    writeFiles(o, jdir, files, written, storeSet);
    report.limit(codecName, WRITE_FILES + ", " + CHUNKS.parallelism() + " threads", written, null);
    report.limit(
        codecName,
        "DirectoryStore.set all chunks, " + CHUNKS.parallelism() + " threads",
        storeSet,
        null);
    if (codec == null) {
      report.readLimit(codecName, par, null);
      report.writeLimit(codecName, written, null);
      return;
    }
    // the codec alone, on the raw chunk bytes in memory
    List<ByteBuffer> raw = rawChunks(data, o.chunk);
    int cb = o.chunk * o.chunk * 4;
    ByteBuffer[] enc = new ByteBuffer[raw.size()];
    List<Integer> idx = IntStream.range(0, raw.size()).boxed().collect(Collectors.toList());
    Stats e2 = new Stats();
    Stats e1 = new Stats();
    Stats d2 = new Stats();
    Stats d1 = new Stats();
    Stats pe = new Stats();
    Stats pd = new Stats();
    for (int rep = -o.warmup; rep < o.reps; rep++) {
      double a =
          time(() -> CHUNKS.forEach(idx.iterator(), i -> enc[i] = codec.encode(raw.get(i), 4)));
      double b = time(() -> idx.forEach(i -> enc[i] = codec.encode(raw.get(i), 4)));
      double c = time(() -> CHUNKS.forEach(idx.iterator(), i -> codec.decode(enc[i], cb)));
      double d = time(() -> idx.forEach(i -> codec.decode(enc[i], cb)));
      JsonNode p = null;
      if (py != null) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("codec", codecName);
        args.put("chunks", List.of(o.chunk, o.chunk));
        args.put("mode", "threads");
        p = py.call("codec", args);
      }
      if (rep >= 0) {
        e2.add(a);
        e1.add(b);
        d2.add(c);
        d1.add(d);
        if (p != null) {
          pe.add(p.get("encode").asDouble());
          pd.add(p.get("decode").asDouble());
        }
      }
    }
    int t = CHUNKS.parallelism();
    report.limit(codecName, "codec alone: encode, " + t + " threads", e2, null);
    report.limit(codecName, "codec alone: encode, 1 thread", e1, pe.isEmpty() ? null : pe);
    report.limit(codecName, "codec alone: decode, " + t + " threads", d2, null);
    report.limit(codecName, "codec alone: decode, 1 thread", d1, pd.isEmpty() ? null : pd);
    report.readLimit(codecName, par, d2);
    report.writeLimit(codecName, written, e2);
  }

  /**
   * The start of the reference rows that time the chunk layout alone: what a full read (or write)
   * of a row-major array does besides the files and the codec, moving each chunk's elements between
   * a chunk buffer and their rows in the array (512 runs of 2 KiB, 32 KiB apart, for the default
   * shape). Printed beside the limit, not part of it.
   */
  static final String LAYOUT_ROW = "chunk layout alone:";

  /**
   * Moves every whole chunk of {@code data}'s grid between a thread's reused chunk buffer and its
   * place in {@code array} (row-major, {@code data}'s shape) on the chunk pool: into the array
   * ({@code scatter}, as a read decodes), or out of it (as a write encodes).
   */
  static void moveChunks(
      float[] array, NdArray data, int chunk, ThreadLocal<ByteBuffer> buffers, boolean scatter) {
    int cols = data.shape(1);
    int across = cols / chunk;
    int total = data.shape(0) / chunk * across;
    DataType f4 = DataType.parse("<f4");
    long[] counts = {chunk, chunk};
    long[] chunkStrides = {4L * chunk, 4};
    long[] arrayStrides = {cols, 1};
    CHUNKS.forEach(
        IntStream.range(0, total).iterator(),
        i -> {
          ByteBuffer b = buffers.get();
          long at = (long) (i / across) * chunk * cols + (long) (i % across) * chunk;
          if (scatter) {
            RawCopy.decode(b, 0, chunkStrides, array, at, arrayStrides, counts, f4);
          } else {
            RawCopy.encode(array, at, arrayStrides, b, 0, chunkStrides, counts, f4);
          }
        });
  }

  /** The raw-limit row of the write limit's file half (followed by the thread count). */
  static final String WRITE_FILES = "write files from heap buffers, temp + rename";

  /**
   * The file half of the write limit: the chunk files of {@code jdir} (the bytes the main write
   * stored) held in memory in heap buffers, written on the chunk pool into a directory emptied
   * before each repetition (not timed; the main write writes a fresh array too): {@code renamed}
   * times each chunk written to a new temporary file renamed onto the chunk's name, as {@link
   * DirectoryStore} writes a value, {@code store} times {@link DirectoryStore#set} of every chunk.
   * Heap buffers, as the encoders return them: the JDK copies each into a temporary direct buffer
   * before the write, which stands, for no compressor, for the copy out of the caller's array that
   * a write cannot avoid (as the read limit's heap buffers stand for the copy into the result).
   */
  private static void writeFiles(Options o, Path jdir, List<Path> files, Stats renamed, Stats store)
      throws Exception {
    List<ByteBuffer> values = files.stream().map(PeerBench::readFile).collect(Collectors.toList());
    List<String> names =
        files.stream().map(f -> f.getFileName().toString()).collect(Collectors.toList());
    List<Integer> idx = IntStream.range(0, values.size()).boxed().collect(Collectors.toList());
    Path wdir = jdir.resolveSibling(jdir.getFileName() + "-limit-write");
    try {
      for (int rep = -o.warmup; rep < o.reps; rep++) {
        deleteTree(wdir);
        Files.createDirectories(wdir);
        PageCache.settle(); // untimed, as before the main table's writes
        double a =
            time(
                () ->
                    CHUNKS.forEach(
                        idx.iterator(), i -> writeRenamed(wdir, names.get(i), values.get(i))));
        deleteTree(wdir);
        Files.createDirectories(wdir);
        PageCache.settle();
        DirectoryStore ws = new DirectoryStore(wdir);
        double b =
            time(() -> CHUNKS.forEach(idx.iterator(), i -> ws.set(names.get(i), values.get(i))));
        if (rep >= 0) {
          renamed.add(a);
          store.add(b);
        }
      }
    } finally {
      deleteTree(wdir);
    }
  }

  /**
   * Writes {@code value} to a new temporary file in {@code dir} and renames it onto {@code name}
   * (atomically, replacing any file of that name), as {@link DirectoryStore} writes a value.
   */
  static void writeRenamed(Path dir, String name, ByteBuffer value) {
    Path temp = dir.resolve(name + ".limit-tmp");
    try {
      try (FileChannel ch =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer b = value.duplicate();
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
      Files.move(
          temp,
          dir.resolve(name),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<Path> chunkFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted(Comparator.naturalOrder())
          .collect(Collectors.toList());
    }
  }

  /** One positional read of a whole file into a right-sized heap buffer. */
  static ByteBuffer readFile(Path f) {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate((int) ch.size());
      long pos = 0;
      while (b.hasRemaining()) {
        int r = ch.read(b, pos);
        if (r < 0) {
          break;
        }
        pos += r;
      }
      return b.flip();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One positional read of a whole file into {@code b} (cleared first; large enough). */
  static void readFileInto(Path f, ByteBuffer b) {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      b.clear().limit((int) ch.size());
      long pos = 0;
      while (b.hasRemaining()) {
        int r = ch.read(b, pos);
        if (r < 0) {
          break;
        }
        pos += r;
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The chunks of {@code data} as little-endian raw bytes, C order. */
  static List<ByteBuffer> rawChunks(NdArray data, int chunk) {
    float[] d = (float[]) data.data();
    int n = data.shape(1);
    List<ByteBuffer> out = new ArrayList<>();
    for (int ci = 0; ci < data.shape(0); ci += chunk) {
      for (int cj = 0; cj < n; cj += chunk) {
        ByteBuffer b = ByteBuffer.allocate(chunk * chunk * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < chunk; i++) {
          b.asFloatBuffer().position(i * chunk).put(d, (ci + i) * n + cj, chunk);
        }
        out.add(b);
      }
    }
    return out;
  }

  interface Body {
    void run() throws Exception;
  }

  static double time(Body body) throws Exception {
    System.gc();
    long t = System.nanoTime();
    body.run();
    return (System.nanoTime() - t) / 1e9;
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(q);
      }
    }
  }

  static String jvmDescription() {
    String gc =
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(b -> b.getName())
            .collect(Collectors.joining("/"));
    return "Java "
        + System.getProperty("java.version")
        + ", "
        + gc
        + ", max heap "
        + Runtime.getRuntime().maxMemory() / (1 << 20)
        + " MiB, "
        + CHUNKS.parallelism()
        + " chunk threads, "
        + CodecBackend.describe(CodecOptions.processDefault());
  }
}
