package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded arrays of every type CSV holds (NaN, infinities and negative zero among the floats, each
 * integer type's extremes) go out through {@code export} with a random 1-d or 2-d basic selection
 * and a small buffer (many blocks) and back in through {@code import} with the same type: the
 * imported array equals the selection read directly.
 */
class CsvRoundTripTest {
  static final String[] DTYPES = {
    "|b1", "|i1", "<i2", "<i4", "<i8", "|u1", "<u2", "<u4", "<u8", "<f2", "<f4", "<f8"
  };

  @TempDir Path dir;

  static LongStream seeds() {
    return LongStream.range(0, 60);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void exportThenImportGivesTheSelection(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    String dtype = DTYPES[(int) (seed % DTYPES.length)];
    DataType t = DataType.parse(dtype);
    int nd = 1 + rnd.nextInt(3);
    long[] shape = new long[nd];
    long[] chunks = new long[nd];
    int[] ishape = new int[nd];
    for (int d = 0; d < nd; d++) {
      shape[d] = 1 + rnd.nextInt(nd == 3 ? 6 : 20);
      ishape[d] = (int) shape[d];
      chunks[d] = 1 + rnd.nextInt(7);
    }
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(dir.resolve("a.zarr"))
                .shape(shape)
                .chunks(chunks)
                .dtype(dtype)
                .build());
    NdArray v = NdArray.zeros(t, ishape);
    for (int i = 0; i < v.size(); i++) {
      v.setFlat(i, value(rnd, t));
    }
    z.set(v);
    // a basic selection keeping 1 or 2 dimensions
    int keep = nd == 1 ? 1 : 1 + rnd.nextInt(2);
    List<String> items = new ArrayList<>();
    int kept = 0;
    for (int d = 0; d < nd; d++) {
      boolean sliceIt = nd - d <= keep - kept || (kept < keep && rnd.nextBoolean());
      if (sliceIt) {
        long start = rnd.nextLong(shape[d]);
        long step = 1 + rnd.nextInt(3);
        items.add(start + ":" + (rnd.nextBoolean() ? "" : shape[d]) + ":" + step);
        kept++;
      } else {
        items.add(Long.toString(rnd.nextLong(shape[d])));
      }
    }
    String sel = String.join(", ", items);
    Run.inProcess(dir, "export", "a.zarr", "a.csv", "--select", sel, "--buffer-size", "64").ok();
    Run.inProcess(dir, "import", "a.csv", "b.zarr", "--dtype", dtype, "--overwrite").ok();
    NdArray expected = z.get(sel);
    NdArray back = Zarr.openArray(dir.resolve("b.zarr")).get();
    if (expected.ndim() == 2 && expected.shape(1) == 1) {
      // one column reads back as 1-d
      expected = expected.reshape(expected.shape(0));
    }
    assertThat(back).as("%s [%s]", dtype, sel).isEqualTo(expected);
  }

  static Object value(SplittableRandom rnd, DataType t) {
    switch (t.kind()) {
      case BOOL:
        return rnd.nextBoolean();
      case FLOAT:
        return switch (rnd.nextInt(8)) {
          case 0 -> Double.NaN;
          case 1 -> rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
          case 2 -> -0.0;
          case 3 -> rnd.nextDouble() * 1e-6;
          default -> rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-3, 4));
        };
      default:
        {
          int bits = 8 * t.itemSize();
          boolean unsigned = t.kind() == DataType.Kind.UINT;
          long min = unsigned ? 0 : bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
          long max =
              unsigned
                  ? (bits == 64 ? -1L : (1L << bits) - 1)
                  : bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
          return switch (rnd.nextInt(4)) {
            case 0 -> min;
            case 1 -> max;
            default -> unsigned ? (long) rnd.nextInt(0, 200) : (long) rnd.nextInt(-100, 100);
          };
        }
    }
  }
}
