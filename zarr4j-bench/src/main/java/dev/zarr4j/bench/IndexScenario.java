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
 * The indexing scenario: many small reads of one Blosc-LZ4 array written by zarr4j (zarr-python
 * reads the same files): random 64 x 64 windows not aligned to chunks (each touches up to four
 * chunks), and random single elements (each decodes a whole chunk, as neither side caches chunks).
 */
final class IndexScenario {
  static final int WINDOWS = 200;
  static final int WINDOW = 64;
  static final int ELEMENTS = 10_000;

  private IndexScenario() {}

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
    for (int k = 0; k < ELEMENTS; k++) {
      points.add(List.of(rnd.nextInt(n), rnd.nextInt(m)));
    }
    float[] d = (float[]) data.data();
    ZarrArray z = Zarr.openArray(new DirectoryStore(dir), OpenMode.READ);

    // windows
    int reps = Math.max(1, o.reps);
    Stats jw = new Stats();
    Stats pw = new Stats();
    for (int rep = -o.warmup; rep < reps; rep++) {
      boolean verify = rep == -o.warmup;
      double s =
          PeerBench.time(
              () -> {
                for (List<Integer> w : windows) {
                  int i = w.get(0);
                  int j = w.get(1);
                  NdArray a = z.get(Slice.of(i, i + WINDOW), Slice.of(j, j + WINDOW));
                  if (verify) {
                    float[] got = (float[]) a.data();
                    for (int r = 0; r < WINDOW; r++) {
                      for (int c = 0; c < WINDOW; c++) {
                        if (Float.floatToIntBits(got[r * WINDOW + c])
                            != Float.floatToIntBits(d[(i + r) * m + j + c])) {
                          throw new IllegalStateException("window at " + w + " differs");
                        }
                      }
                    }
                  }
                }
              });
      if (rep >= 0) {
        jw.add(s);
      }
      if (py != null) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("dir", dir.toString());
        args.put("windows", windows);
        args.put("size", WINDOW);
        args.put("verify", verify);
        JsonNode r = py.call("windows", args);
        if (verify && !r.get("equal").asBoolean()) {
          throw new IllegalStateException("zarr-python read different windows");
        }
        if (rep >= 0) {
          pw.add(r.get("seconds").asDouble());
        }
      }
    }
    report.index(
        WINDOWS + " random " + WINDOW + "x" + WINDOW + " windows (not chunk-aligned), per s",
        jw,
        py == null ? null : pw,
        WINDOWS);

    // single elements: slow (a chunk decode each), so at most 3 measured repetitions
    int ereps = Math.min(reps, 3);
    Stats je = new Stats();
    Stats pe = new Stats();
    for (int rep = -1; rep < ereps; rep++) {
      boolean verify = rep == -1;
      double s =
          PeerBench.time(
              () -> {
                for (List<Integer> p : points) {
                  int i = p.get(0);
                  int j = p.get(1);
                  Object v = z.getValue(i, j);
                  if (verify && Float.floatToIntBits(((Number) v).floatValue()) != Float.floatToIntBits(d[i * m + j])) {
                    throw new IllegalStateException("element " + p + " differs");
                  }
                }
              });
      if (rep >= 0) {
        je.add(s);
      }
      if (py != null) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("dir", dir.toString());
        args.put("points", points);
        args.put("verify", verify);
        JsonNode r = py.call("elements", args);
        if (verify && !r.get("equal").asBoolean()) {
          throw new IllegalStateException("zarr-python read different elements");
        }
        if (rep >= 0) {
          pe.add(r.get("seconds").asDouble());
        }
      }
    }
    report.index(ELEMENTS + " random single elements, per s", je, py == null ? null : pe, ELEMENTS);
    report.indexNote(
        "blosc-lz4 array written by zarr4j, read by both; chunk " + o.chunk + "x" + o.chunk
            + "; no chunk cache on either side; element reads: 1 warm-up + " + ereps + " measured");
  }
}
