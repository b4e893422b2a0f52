package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.DirectoryStore;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Uncompressed arrays in a {@link DirectoryStore} (the path where chunk files are copied straight
 * between the file and the caller's array) against a naive model: a flat array of the data type's
 * storage in C order, starting at the fill value. Each case draws a data type (every item size,
 * both byte orders), C or F order, a shape and chunks, a fill value or none, writes random boxes
 * (aligned to chunks or not; chunks no box touches stay missing), and checks reads of the whole
 * array, of random boxes, of bands of whole chunk rows (each chunk's region of the result
 * contiguous) and reads into caller arrays holding garbage. Small arrays have few chunks, read
 * partly on the calling thread; the large cases (4.5 to 6 MiB, dozens of chunks) are read on the
 * chunk pool's workers.
 */
class UncompressedPathPropertyTest {
  static final String[] DTYPES = {
    "|b1", "|i1", "|u1", "<i2", ">i2", "<u2", "<i4", ">i4", "<f4", ">f4", "<i8", ">i8", "<f8",
    ">f8", "<c8", ">c8", "<c16", ">c16",
  };

  @TempDir Path tmp;

  static LongStream small() {
    return LongStream.range(0, 40);
  }

  static LongStream large() {
    return LongStream.range(100, 102);
  }

  @ParameterizedTest
  @MethodSource("small")
  void smallArraysReadAsTheModel(long seed) {
    run(seed, false);
  }

  @ParameterizedTest
  @MethodSource("large")
  void largeResultsReadAsTheModel(long seed) {
    run(seed, true);
  }

  private void run(long seed, boolean large) {
    SplittableRandom rnd = new SplittableRandom(seed * 7919 + 17);
    DataType dtype = DataType.parse(DTYPES[rnd.nextInt(DTYPES.length)]);
    int ndim = large ? 2 : rnd.nextInt(1, 4);
    int[] shape = new int[ndim];
    int[] chunks = new int[ndim];
    if (large) {
      // 4.5 to 6 MiB of elements, chunks of 16 to 256 KiB-ish
      long elements = (long) ((4.5 + 1.5 * rnd.nextDouble()) * (1 << 20) / dtype.itemSize());
      shape[1] = rnd.nextInt(300, 1200);
      shape[0] = (int) (elements / shape[1] + 1);
      chunks[0] = rnd.nextInt(40, 300);
      chunks[1] = rnd.nextInt(40, 300);
    } else {
      for (int d = 0; d < ndim; d++) {
        shape[d] = rnd.nextInt(1, 30);
        chunks[d] = rnd.nextInt(1, shape[d] + 4);
      }
    }
    Object fill = rnd.nextBoolean() ? null : randomValues(rnd, dtype, 1).getFlat(0);
    String order = rnd.nextBoolean() ? "C" : "F";
    Path dir = tmp.resolve("a" + seed);
    ArrayOptions.Builder options =
        ArrayOptions.builder()
            .store(new DirectoryStore(dir))
            .shape(Arrays.stream(shape).asLongStream().toArray())
            .chunks(Arrays.stream(chunks).asLongStream().toArray())
            .dtype(dtype)
            .order(order)
            .compressor(null);
    if (fill != null) {
      options.fillValue(fill);
    }
    ZarrArray z = Zarr.create(options.build());
    NdArray model =
        fill == null ? NdArray.zeros(dtype, shape) : NdArray.full(dtype, z.fillValue(), shape);
    String what =
        "seed "
            + seed
            + ", "
            + dtype
            + " order "
            + order
            + " shape "
            + Arrays.toString(shape)
            + " chunks "
            + Arrays.toString(chunks)
            + " fill "
            + fill;

    int writes = large ? 3 : rnd.nextInt(0, 5);
    for (int w = 0; w < writes; w++) {
      int[][] box = randomBox(rnd, shape, chunks);
      NdArray values = randomValues(rnd, dtype, boxShape(box));
      z.set(text(box), values);
      copyBox(values, model, box[0]);
    }
    ZarrArray reopened = Zarr.openArray(new DirectoryStore(dir), OpenMode.READ);
    // the whole array, new result and caller's array
    assertSame(reopened.get().data(), model.data(), what + ": whole read");
    Object into = garbage(rnd, model.data());
    reopened.getInto("...", into);
    assertSame(into, model.data(), what + ": whole read into a caller's array");
    // a band of whole chunk rows: every chunk's region of the result is contiguous
    int rows = Math.min(shape[0], chunks[0] * rnd.nextInt(1, 3));
    int start = Math.min(shape[0] - rows, chunks[0] * rnd.nextInt(0, 1 + shape[0] / chunks[0]));
    int[][] band = {new int[ndim], shape.clone()};
    band[0][0] = Math.max(0, start);
    band[1][0] = rows;
    checkBox(reopened, model, band, rnd, what + ": band " + Arrays.deepToString(band));
    for (int r = 0; r < (large ? 2 : 4); r++) {
      int[][] box = randomBox(rnd, shape, chunks);
      checkBox(reopened, model, box, rnd, what + ": box " + Arrays.deepToString(box));
    }
  }

  private static void checkBox(
      ZarrArray z, NdArray model, int[][] box, SplittableRandom rnd, String what) {
    NdArray expected = NdArray.zeros(model.dtype(), boxShape(box));
    copyBoxOut(model, expected, box[0]);
    assertSame(z.get(text(box)).data(), expected.data(), what);
    Object into = garbage(rnd, expected.data());
    z.getInto(text(box), into);
    assertSame(into, expected.data(), what + " into a caller's array");
  }

  private static void assertSame(Object got, Object expected, String what) {
    assertThat(Objects.deepEquals(got, expected))
        .as(what + ": got " + preview(got) + ", expected " + preview(expected))
        .isTrue();
  }

  private static String preview(Object a) {
    int n = Math.min(8, Array.getLength(a));
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ", ").append(Array.get(a, i));
    }
    return sb.append(Array.getLength(a) > n ? ", ...]" : "]").toString();
  }

  /** A box {start, shape}: aligned to chunks one time in three, else anywhere, never empty. */
  private static int[][] randomBox(SplittableRandom rnd, int[] shape, int[] chunks) {
    int n = shape.length;
    int[] start = new int[n];
    int[] size = new int[n];
    boolean aligned = rnd.nextInt(3) == 0;
    for (int d = 0; d < n; d++) {
      if (aligned) {
        int grid = (shape[d] + chunks[d] - 1) / chunks[d];
        int a = rnd.nextInt(grid);
        int b = rnd.nextInt(a, grid) + 1;
        start[d] = a * chunks[d];
        size[d] = Math.min(shape[d], b * chunks[d]) - start[d];
      } else {
        start[d] = rnd.nextInt(shape[d]);
        size[d] = rnd.nextInt(1, shape[d] - start[d] + 1);
      }
    }
    return new int[][] {start, size};
  }

  private static int[] boxShape(int[][] box) {
    return box[1].clone();
  }

  private static String text(int[][] box) {
    StringBuilder sb = new StringBuilder();
    for (int d = 0; d < box[0].length; d++) {
      sb.append(d == 0 ? "" : ", ").append(box[0][d]).append(':').append(box[0][d] + box[1][d]);
    }
    return sb.toString();
  }

  /** Random elements of {@code dtype} (no NaN: floats are small integers and halves). */
  private static NdArray randomValues(SplittableRandom rnd, DataType dtype, int... shape) {
    NdArray a = NdArray.zeros(dtype, shape);
    Object data = a.data();
    int n = Array.getLength(data);
    if (data instanceof boolean[] b) {
      for (int i = 0; i < n; i++) {
        b[i] = rnd.nextBoolean();
      }
    } else if (data instanceof byte[] b) {
      for (int i = 0; i < n; i++) {
        b[i] = (byte) rnd.nextInt();
      }
    } else if (data instanceof short[] s) {
      for (int i = 0; i < n; i++) {
        s[i] = (short) rnd.nextInt();
      }
    } else if (data instanceof int[] v) {
      for (int i = 0; i < n; i++) {
        v[i] = rnd.nextInt();
      }
    } else if (data instanceof long[] v) {
      for (int i = 0; i < n; i++) {
        v[i] = rnd.nextLong();
      }
    } else if (data instanceof float[] v) {
      for (int i = 0; i < n; i++) {
        v[i] = rnd.nextInt(-1 << 20, 1 << 20) / 2f;
      }
    } else {
      double[] v = (double[]) data;
      for (int i = 0; i < n; i++) {
        v[i] = rnd.nextInt(-1 << 30, 1 << 30) / 2.0;
      }
    }
    return a;
  }

  /** A storage array like {@code like} holding values no read should leave. */
  private static Object garbage(SplittableRandom rnd, Object like) {
    Object g = Array.newInstance(like.getClass().getComponentType(), Array.getLength(like));
    if (g instanceof boolean[] b) {
      Arrays.fill(b, true);
    } else if (g instanceof byte[] b) {
      Arrays.fill(b, (byte) 0x5a);
    } else if (g instanceof short[] s) {
      Arrays.fill(s, (short) 0x5a5a);
    } else if (g instanceof int[] v) {
      Arrays.fill(v, 0x5a5a5a5a);
    } else if (g instanceof long[] v) {
      Arrays.fill(v, rnd.nextLong());
    } else if (g instanceof float[] v) {
      Arrays.fill(v, Float.NaN);
    } else {
      Arrays.fill((double[]) g, Double.NaN);
    }
    return g;
  }

  /** Copies all of {@code src} into the box of {@code dst} starting at {@code start}. */
  private static void copyBox(NdArray src, NdArray dst, int[] start) {
    walk(src.shape(), dst.shape(), start, src.data(), dst.data(), widthOf(src), true);
  }

  /** Copies the box of {@code src} starting at {@code start} into all of {@code dst}. */
  private static void copyBoxOut(NdArray src, NdArray dst, int[] start) {
    walk(dst.shape(), src.shape(), start, dst.data(), src.data(), widthOf(src), false);
  }

  private static int widthOf(NdArray a) {
    return a.size() == 0 ? 1 : Array.getLength(a.data()) / a.size();
  }

  /** Row by row over a box of {@code box} shape inside a C-order array of {@code whole} shape. */
  private static void walk(
      int[] box, int[] whole, int[] start, Object small, Object big, int w, boolean intoBig) {
    int n = box.length;
    int rows = 1;
    for (int d = 0; d < n - 1; d++) {
      rows *= box[d];
    }
    int row = box[n - 1];
    int[] idx = new int[n];
    for (int r = 0; r < rows; r++) {
      int rem = r;
      for (int d = n - 2; d >= 0; d--) {
        idx[d] = rem % box[d];
        rem /= box[d];
      }
      long off = 0;
      for (int d = 0; d < n; d++) {
        off = off * whole[d] + (d == n - 1 ? start[d] : start[d] + idx[d]);
      }
      int bigAt = (int) off * w;
      int smallAt = r * row * w;
      if (intoBig) {
        System.arraycopy(small, smallAt, big, bigAt, row * w);
      } else {
        System.arraycopy(big, bigAt, small, smallAt, row * w);
      }
    }
  }
}
