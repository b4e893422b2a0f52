package dev.zarr4j;

import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.NdArray;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Run in a child JVM with a small heap by {@link StreamingCopyTest}: writes a float64 array of
 * {@value #ROWS} x {@value #COLS} (400 MB uncompressed, a ramp that Blosc packs small) chunk by
 * chunk to a directory store, copies it with {@code z2.set(Selection.all(), z1)} into an array with
 * other chunks, then copies that into an array with an extra leading dimension of length 1 (a
 * broadcast), and checks sampled values of both copies. Prints {@value #OK} and exits 0 when every
 * value matches; exits 1 on a wrong value. Running out of heap ends it with an error.
 *
 * <p>Chunks stay under 512 KB: with a heap this small G1 uses 1 MiB regions and allocates arrays of
 * half a region or more as humongous objects, whose fragmentation, not live data, made runs with
 * 1-2 MB chunks fail now and then.
 */
public final class StreamingCopyChild {
  static final int ROWS = 5_000;
  static final int COLS = 10_000;
  static final int CHUNK_ROWS = 250;
  static final int CHUNK_COLS = 250;
  static final String OK = "streaming copy ok";

  private StreamingCopyChild() {}

  /** The value at row {@code i}, column {@code j}: its flat position. */
  static double value(long i, long j) {
    return (double) (i * COLS + j);
  }

  /**
   * @param args the directory to create the arrays in
   */
  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    Blosc blosc = Blosc.of("lz4", 5, 1, 0);
    long t0 = System.nanoTime();
    ZarrArray z1 =
        Zarr.create(
            ArrayOptions.builder()
                .store(dir.resolve("z1.zarr"))
                .shape(ROWS, COLS)
                .chunks(CHUNK_ROWS, CHUNK_COLS)
                .dtype("<f8")
                .compressor(blosc)
                .build());
    double[] block = new double[CHUNK_ROWS * CHUNK_COLS];
    for (int r0 = 0; r0 < ROWS; r0 += CHUNK_ROWS) {
      for (int c0 = 0; c0 < COLS; c0 += CHUNK_COLS) {
        for (int i = 0; i < CHUNK_ROWS; i++) {
          for (int j = 0; j < CHUNK_COLS; j++) {
            block[i * CHUNK_COLS + j] = value(r0 + i, c0 + j);
          }
        }
        z1.set(
            BasicSelection.of(Slice.of(r0, r0 + CHUNK_ROWS), Slice.of(c0, c0 + CHUNK_COLS)),
            NdArray.of(block, CHUNK_ROWS, CHUNK_COLS));
      }
    }
    long t1 = System.nanoTime();

    ZarrArray z2 =
        Zarr.create(
            ArrayOptions.builder()
                .store(dir.resolve("z2.zarr"))
                .shape(ROWS, COLS)
                .chunks(200, 300)
                .dtype("<f8")
                .compressor(blosc)
                .build());
    z2.set(Selection.all(), z1);
    long t2 = System.nanoTime();

    ZarrArray z3 =
        Zarr.create(
            ArrayOptions.builder()
                .store(dir.resolve("z3.zarr"))
                .shape(1, ROWS, COLS)
                .chunks(1, 250, 240)
                .dtype("<f8")
                .compressor(blosc)
                .build());
    z3.set(Selection.all(), z2); // (5000, 10000) broadcast to (1, 5000, 10000)
    long t3 = System.nanoTime();

    SplittableRandom rnd = new SplittableRandom(7);
    int checked = 0;
    for (int n = 0; n < 300; n++) {
      long i = n == 0 ? 0 : n == 1 ? ROWS - 1 : rnd.nextLong(ROWS);
      long j = n == 0 ? 0 : n == 1 ? COLS - 1 : rnd.nextLong(COLS);
      double want = value(i, j);
      Object in2 = z2.getValue(i, j);
      Object in3 = z3.getValue(0, i, j);
      if (!(in2 instanceof Double d2) || d2 != want || !(in3 instanceof Double d3) || d3 != want) {
        System.out.println(
            "wrong value at " + i + ", " + j + ": want " + want + ", z2 " + in2 + ", z3 " + in3);
        System.exit(1);
      }
      checked++;
    }
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        "%s: %d MB copied twice, %d values checked, max heap %d MB; write %.1f s, copy %.1f s,"
            + " broadcast copy %.1f s%n",
        OK,
        (long) ROWS * COLS * 8 / 1_000_000,
        checked,
        rt.maxMemory() >> 20,
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9,
        (t3 - t2) / 1e9);
    System.exit(0);
  }
}
