package dev.zarr4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.DirectoryStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The indexing scenario (issue 4's benchmark): many small reads of arrays written by zarr4j
 * (zarr-python reads the same files): random 64 x 64 windows not aligned to chunks (each touches up
 * to four chunks) of each of the main table's codecs' arrays, 10,000 random coordinates read with
 * one coordinate selection ({@code vindex}) and, as an extra row, 10,000 random single elements
 * read one call each, of the Blosc-LZ4 array. zarr-python runs in both of numcodecs' Blosc modes
 * (c-blosc's threads on and off) and its faster mode is kept; who goes first alternates between
 * repetitions.
 */
final class IndexScenario {
  static final int WINDOWS = 200;
  static final int WINDOW = 64;
  static final int POINTS = 10_000;
  static final int VINDEX_CALLS = 3;
  static final double TARGET = 2.0;

  /**
   * Warm-up repetitions of the windows at least (each side), so that the rows measure the window
   * path once the JIT has compiled it (its steady state in a long-running JVM): a window's path
   * (partial decodes, short unshuffles, one-chunk calls on the caller's thread) ran at half its
   * later rate for the first 1,400-3,000 windows of a fresh JVM on this machine
   * (docs/benchmarks.md, "Random windows, second pass"), so 20 repetitions of 200 (4,000 windows)
   * come first.
   */
  static final int WINDOW_WARMUP = 20;

  /** Target of the Blosc-LZ4 windows row (issue 14); other codecs' windows: ahead (1x). */
  static final double WINDOWS_TARGET = 3.0;

  private IndexScenario() {}

  /** zarr4j's side of one repetition: runs the work and returns its wall-clock seconds. */
  private interface JavaSide {
    double run(boolean verify) throws Exception;
  }

  /**
   * Interleaved repetitions of zarr4j, zarr-python in both Blosc modes and, when {@code peer} is
   * not null, zarr-java (who goes first rotates).
   */
  private static void measure(
      String codec,
      int warmup,
      int reps,
      JavaSide java,
      PythonWorker py,
      String op,
      Map<String, Object> args,
      Stats javaStats,
      Map<String, Stats> pyStats,
      JavaSide peer,
      Stats peerStats)
      throws java.io.IOException {
    for (String m : PeerBench.pythonModes(codec)) {
      pyStats.put(m, new Stats());
    }
    for (int rep = -warmup; rep < reps; rep++) {
      boolean verify = rep == -warmup;
      int[] order = {Math.floorMod(rep, 3), Math.floorMod(rep + 1, 3), Math.floorMod(rep + 2, 3)};
      for (int side : order) {
        if (side == 0 || (side == 2 && peer != null)) {
          try {
            double s = (side == 0 ? java : peer).run(verify);
            if (rep >= 0) {
              (side == 0 ? javaStats : peerStats).add(s);
            }
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        } else if (side == 1 && py != null) {
          for (String m : pyStats.keySet()) {
            Map<String, Object> a = new LinkedHashMap<>(args);
            a.put("mode", m);
            a.put("verify", verify);
            JsonNode r = py.call(op, a);
            if (verify && !r.get("equal").asBoolean()) {
              throw new IllegalStateException("zarr-python read different data in " + op);
            }
            if (rep >= 0) {
              pyStats.get(m).add(r.get("seconds").asDouble());
            }
          }
        }
      }
    }
  }

  /** zarr-java's side of one repetition of the windows: its wall-clock seconds. */
  private static double zarrJavaWindows(
      dev.zarr.zarrjava.v2.Array z, List<List<Integer>> windows, float[] d, int m, boolean verify)
      throws Exception {
    return PeerBench.time(
        () -> {
          for (List<Integer> w : windows) {
            int i = w.get(0);
            int j = w.get(1);
            Object a = ZarrJavaPeer.read(z, i, j, WINDOW, WINDOW);
            if (verify) {
              checkWindow(ZarrJavaPeer.values(a), d, m, i, j, "zarr-java");
            }
          }
        });
  }

  /**
   * zarr-java's view of the array in {@code dir}, or null (with a note) when its windows read wrong
   * values: checked once before timing, so a peer's wrong answer gets a note, not a figure.
   */
  private static dev.zarr.zarrjava.v2.Array checkedZarrJava(
      Path dir, List<List<Integer>> windows, float[] d, int m, Report report) throws Exception {
    dev.zarr.zarrjava.v2.Array z = ZarrJavaPeer.openV2(dir);
    try {
      zarrJavaWindows(z, windows, d, m, true);
      return z;
    } catch (IllegalStateException e) {
      report.indexNote("zarr-java: no windows figure, it read wrong values: " + e.getMessage());
      return null;
    }
  }

  /** Throws unless {@code got} holds the {@code WINDOW x WINDOW} window of {@code d} at (i, j). */
  private static void checkWindow(float[] got, float[] d, int m, int i, int j, String who) {
    for (int r = 0; r < WINDOW; r++) {
      for (int c = 0; c < WINDOW; c++) {
        if (Float.floatToIntBits(got[r * WINDOW + c])
            != Float.floatToIntBits(d[(i + r) * m + j + c])) {
          throw new IllegalStateException(who + ": window at (" + i + ", " + j + ") differs");
        }
      }
    }
  }

  /** The windows row of one codec's array {@code dir}. */
  private static void windows(
      PeerBench.Options o,
      String codec,
      Path dir,
      List<List<Integer>> windows,
      float[] d,
      int m,
      int reps,
      PythonWorker py,
      Report report)
      throws Exception {
    ZarrArray z = Zarr.openArray(new DirectoryStore(dir), OpenMode.READ);
    String unsupported = o.useZarrJava ? ZarrJavaPeer.v2Unsupported(codec) : null;
    dev.zarr.zarrjava.v2.Array zarrJava =
        o.useZarrJava && unsupported == null ? checkedZarrJava(dir, windows, d, m, report) : null;
    Stats zw = new Stats();
    Stats jw = new Stats();
    Map<String, Stats> pw = new LinkedHashMap<>();
    Map<String, Object> wargs = new LinkedHashMap<>();
    wargs.put("dir", dir.toString());
    wargs.put("windows", windows);
    wargs.put("size", WINDOW);
    measure(
        codec,
        Math.max(o.warmup, WINDOW_WARMUP),
        reps,
        verify ->
            PeerBench.time(
                () -> {
                  for (List<Integer> w : windows) {
                    int i = w.get(0);
                    int j = w.get(1);
                    NdArray a = z.get(Slice.of(i, i + WINDOW), Slice.of(j, j + WINDOW));
                    if (verify) {
                      checkWindow((float[]) a.data(), d, m, i, j, "zarr4j");
                    }
                  }
                }),
        py,
        "windows",
        wargs,
        jw,
        pw,
        zarrJava == null ? null : verify -> zarrJavaWindows(zarrJava, windows, d, m, verify),
        zw);
    boolean targeted = codec.equals("blosc-lz4");
    report.index(
        codec + ": " + WINDOWS + " random " + WINDOW + "x" + WINDOW + " windows, unaligned, per s",
        jw,
        py == null ? null : pw,
        WINDOWS,
        targeted ? WINDOWS_TARGET : PeerBench.SHAPE_TARGET,
        "windows " + codec,
        zarrJava == null ? null : zw);
    if (unsupported != null) {
      report.indexNote("zarr-java n/a for " + codec + " windows: " + unsupported);
    }
  }

  static void run(PeerBench.Options o, Path tmp, NdArray data, PythonWorker py, Report report)
      throws Exception {
    System.err.println("indexing scenario...");
    int n = data.shape(0);
    int m = data.shape(1);
    Path dir = tmp.resolve("index-blosc-lz4");
    PeerBench.javaWrite(dir, data, PeerBench.codec("blosc-lz4"), o.chunk);
    SplittableRandom rnd = new SplittableRandom(o.seed + 1);
    List<List<Integer>> windows = new ArrayList<>();
    for (int k = 0; k < WINDOWS; k++) {
      int i;
      int j;
      do {
        i = rnd.nextInt(n - WINDOW + 1);
        j = rnd.nextInt(m - WINDOW + 1);
      } while (i % o.chunk == 0 || j % o.chunk == 0); // never aligned to a chunk boundary
      windows.add(List.of(i, j));
    }
    List<List<Integer>> points = new ArrayList<>();
    for (int k = 0; k < POINTS; k++) {
      points.add(List.of(rnd.nextInt(n), rnd.nextInt(m)));
    }
    // point sets for the coordinate selections: one per call
    long[][][] coords = new long[VINDEX_CALLS][2][POINTS];
    List<List<List<Long>>> pyCoords = new ArrayList<>();
    for (int c = 0; c < VINDEX_CALLS; c++) {
      List<Long> rows = new ArrayList<>();
      List<Long> cols = new ArrayList<>();
      for (int k = 0; k < POINTS; k++) {
        coords[c][0][k] = rnd.nextInt(n);
        coords[c][1][k] = rnd.nextInt(m);
        rows.add(coords[c][0][k]);
        cols.add(coords[c][1][k]);
      }
      pyCoords.add(List.of(rows, cols));
    }
    float[] d = (float[]) data.data();
    int reps = Math.max(1, o.reps);
    // windows on every codec's array; zarr-java (its Zarr v2 API) reads the same windows of the
    // same array where it has the codec
    for (String codec : o.codecs) {
      Path cdir = codec.equals("blosc-lz4") ? dir : tmp.resolve("index-" + codec);
      if (!codec.equals("blosc-lz4")) {
        PeerBench.javaWrite(cdir, data, PeerBench.codec(codec), o.chunk);
      }
      windows(o, codec, cdir, windows, d, m, reps, py, report);
    }
    ZarrArray z = Zarr.openArray(new DirectoryStore(dir), OpenMode.READ);

    // coordinates: one vindex call per point set
    Stats jv = new Stats();
    Map<String, Stats> pv = new LinkedHashMap<>();
    Map<String, Object> vargs = new LinkedHashMap<>();
    vargs.put("dir", dir.toString());
    vargs.put("coords", pyCoords);
    measure(
        "blosc-lz4",
        o.warmup,
        reps,
        verify ->
            PeerBench.time(
                () -> {
                  for (long[][] c : coords) {
                    NdArray a = z.vindex().get(c[0], c[1]);
                    if (verify) {
                      float[] got = (float[]) a.data();
                      for (int k = 0; k < POINTS; k++) {
                        if (Float.floatToIntBits(got[k])
                            != Float.floatToIntBits(d[(int) (c[0][k] * m + c[1][k])])) {
                          throw new IllegalStateException("coordinate " + k + " differs");
                        }
                      }
                    }
                  }
                }),
        py,
        "vindex",
        vargs,
        jv,
        pv,
        null,
        null);
    report.index(
        POINTS + " random coordinates, one vindex call, calls per s",
        jv,
        py == null ? null : pv,
        VINDEX_CALLS,
        TARGET,
        "vindex");

    // single elements, one call each (an extra row): slow, so at most 3 measured repetitions
    int ereps = Math.min(reps, 3);
    Stats je = new Stats();
    Map<String, Stats> pe = new LinkedHashMap<>();
    Map<String, Object> eargs = new LinkedHashMap<>();
    eargs.put("dir", dir.toString());
    eargs.put("points", points);
    measure(
        "blosc-lz4",
        1,
        ereps,
        verify ->
            PeerBench.time(
                () -> {
                  for (List<Integer> p : points) {
                    int i = p.get(0);
                    int j = p.get(1);
                    Object v = z.getValue(i, j);
                    if (verify
                        && Float.floatToIntBits(((Number) v).floatValue())
                            != Float.floatToIntBits(d[i * m + j])) {
                      throw new IllegalStateException("element " + p + " differs");
                    }
                  }
                }),
        py,
        "elements",
        eargs,
        je,
        pe,
        null,
        null);
    report.index(
        POINTS + " random single elements, one call each, per s",
        je,
        py == null ? null : pe,
        POINTS,
        0,
        "elements");
    report.indexNote(
        "arrays written by zarr4j, read by every side (coordinates and elements: the blosc-lz4"
            + " one); chunk "
            + o.chunk
            + "x"
            + o.chunk
            + "; no chunk cache on either side; windows: "
            + Math.max(o.warmup, WINDOW_WARMUP)
            + " warm-up repetitions on every side (the JIT's warm-up of the window path)"
            + "; vindex: "
            + VINDEX_CALLS
            + " calls of "
            + POINTS
            + " points per repetition (z.vindex[rows, cols] in zarr-python); single elements: 1"
            + " warm-up + "
            + ereps
            + " measured"
            + (o.useZarrJava
                ? "; zarr-java 0.0.9 (its Zarr v2 API, sequential region reads) on the windows only:"
                    + " it has no coordinate selection"
                : ""));
  }
}
